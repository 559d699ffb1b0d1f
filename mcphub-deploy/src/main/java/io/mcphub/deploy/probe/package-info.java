/**
 * What a node is and has, one probe per concern as in Nomad's {@code client/fingerprint}: each {@link
 * io.mcphub.deploy.probe.NodeProbe} fills in what it knows into {@link io.mcphub.deploy.probe.NodeFacts.Builder},
 * {@link io.mcphub.deploy.probe.Probes} registers them by name (host probes, then environment probes that may refine,
 * then the node-type decision), and {@link io.mcphub.deploy.probe.Fingerprinter} runs them into a {@link
 * io.mcphub.deploy.probe.NodeFingerprint}. Probes reach the machine only through {@link
 * io.mcphub.deploy.probe.ProbeContext}, so a fixture tree stands in for {@code /proc}, {@code /etc} and the sockets.
 */
package io.mcphub.deploy.probe;

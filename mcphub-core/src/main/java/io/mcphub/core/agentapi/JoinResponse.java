package io.mcphub.core.agentapi;

/** The agent's certificate, the CA to trust from now on, and the hub's mutual-TLS endpoint for everything else. */
public record JoinResponse(String certificatePem, String caCertificatePem, String agentEndpoint) {}

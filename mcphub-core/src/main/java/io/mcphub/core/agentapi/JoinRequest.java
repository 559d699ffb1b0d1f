package io.mcphub.core.agentapi;

import java.util.Map;

/** An agent asking to join: its one-time token, its name, a CSR for its own key pair, and its labels. */
public record JoinRequest(String token, String name, String csrPem, Map<String, String> labels) {}

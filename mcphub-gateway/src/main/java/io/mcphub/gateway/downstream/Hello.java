package io.mcphub.gateway.downstream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the gateway says about its client in a downstream {@code initialize}: the protocol version to ask for and
 * the client capabilities the gateway relays (sampling, elicitation, roots), so a server asks the real client.
 */
public record Hello(String protocolVersion, ObjectNode capabilities, ObjectNode clientInfo) {}

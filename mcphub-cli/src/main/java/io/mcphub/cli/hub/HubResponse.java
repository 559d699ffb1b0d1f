package io.mcphub.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A successful (2xx) answer from the hub. */
public record HubResponse(int status, URI uri, String contentType, byte[] body) {

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; an empty body is MissingNode, so callers can fall back to what they know. */
    public JsonNode json() {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return Json.JSON.readTree(body);
        } catch (IOException e) {
            throw CliException.failed("the answer from " + uri + " is not JSON; check that MCPHUB_URL points at an MCP Hub");
        }
    }
}

package io.mcphub.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.common.Json;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An error answer (RFC 9457 problem details) turned into what the user reads: the hub's {@code detail} sentence,
 * one line per {@code errors[]} entry, and the exit code. Bodies that are not problem+json (a proxy's HTML page)
 * still give a useful sentence from the status code.
 *
 * @param retryAfter the {@code Retry-After} header (429, 503), or null
 */
public record Problem(int status, String title, String detail, String requestId, List<JsonNode> errors,
                      String retryAfter) {

    public static Problem parse(int status, byte[] body) {
        return parse(status, body, null);
    }

    public static Problem parse(int status, byte[] body, String retryAfter) {
        JsonNode json;
        try {
            json = body.length == 0 ? MissingNode.getInstance() : Json.JSON.readTree(body);
        } catch (Exception notJson) {
            json = MissingNode.getInstance();
        }
        List<JsonNode> errors = new ArrayList<>();
        json.path("errors").forEach(errors::add);
        return new Problem(status, text(json, "title"), text(json, "detail"), text(json, "requestId"), errors,
                retryAfter == null || retryAfter.isBlank() ? null : retryAfter.strip());
    }

    public int exitCode() {
        return switch (status) {
            case 409 -> ExitCodes.CONFLICT;
            case 403 -> ExitCodes.FORBIDDEN;
            default -> ExitCodes.FAILED;
        };
    }

    /**
     * The one sentence to print: the hub's own {@code detail} when it gave one (for 403 it names the missing
     * permission), plus when to retry if the hub said so.
     */
    public String sentence(String method, String target) {
        String sentence = detail != null ? detail : fallback(method, target);
        return retryAfter == null || saysHowLong(sentence) ? sentence : sentence + " (retry " + when(retryAfter) + ")";
    }

    /** The hub's own sentence may already name the wait ("wait 30 seconds before trying again"); once is enough. */
    private boolean saysHowLong(String sentence) {
        return retryAfter.chars().allMatch(Character::isDigit)
                && sentence.matches(".*\\b" + retryAfter + " seconds?\\b.*");
    }

    private String fallback(String method, String target) {
        return switch (status) {
            case 400 -> "the hub refused the request as malformed" + titled() + "; check the command's arguments";
            case 401 -> "the hub did not accept the token; set MCPHUB_TOKEN again (from ~/.mcphub/dev/cli.env) or run 'mcphub login'";
            case 403 -> "you lack the permission for " + method + " " + target + "; ask a hub admin to grant it";
            case 404 -> "not found: " + method + " " + target + "; check the key and version";
            case 409 -> "the document changed since you read it; fetch the latest version and try again";
            case 413 -> "the request is larger than the hub accepts (1 MiB); split it into smaller documents";
            case 422 -> "the hub rejected the document" + titled() + "; fix it and try again";
            case 429 -> "the hub refuses further requests for now (too many); wait and try again";
            default -> "the hub answered HTTP " + status + titled() + " to " + method + " " + target
                    + "; check the hub's log" + (requestId == null ? "" : " for request " + requestId);
        };
    }

    /**
     * {@code FILE:LINE:COL: message} when the entry has a position in the submitted text, else
     * {@code PATH: message}. The file the user named (request source) wins, so an editor can jump to it; a batch
     * push names no single file, and then each entry's own {@code source}/{@code key} says which one.
     */
    public List<String> errorLines(String requestSource) {
        List<String> lines = new ArrayList<>();
        for (JsonNode error : errors) {
            String message = text(error, "message");
            message = message == null ? "invalid" : message;
            String own = first(text(error, "source"), text(error, "file"), text(error, "key"));
            String prefix = requestSource == null && own != null ? own + ": " : "";
            JsonNode line = error.path("line");
            String path = first(text(error, "path"), text(error, "pointer"));
            if (line.canConvertToInt() && line.asInt() > 0) {
                JsonNode column = error.path("column");
                lines.add(first(requestSource, own, "input") + ":" + line.asInt()
                        + (column.canConvertToInt() && column.asInt() > 0 ? ":" + column.asInt() : "") + ": " + message);
            } else if (path != null) {
                lines.add(prefix + path + ": " + message);
            } else {
                lines.add(prefix + message);
            }
        }
        return lines;
    }

    public CliException toException(HubRequest request) {
        return new CliException(exitCode(), sentence(request.method(), request.pathAndQuery()), errorLines(request.source()), null);
    }

    /** Retry-After is either seconds or an HTTP date; both read better as a sentence. */
    static String when(String retryAfter) {
        if (retryAfter.length() <= 9 && retryAfter.chars().allMatch(Character::isDigit)) {
            long seconds = Long.parseLong(retryAfter);
            return "in " + seconds + (seconds == 1 ? " second" : " seconds");
        }
        try {
            return "after " + ZonedDateTime.parse(retryAfter, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return "after " + retryAfter;
        }
    }

    private String titled() {
        return title == null ? "" : " (" + title + ")";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}

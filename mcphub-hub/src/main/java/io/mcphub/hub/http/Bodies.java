package io.mcphub.hub.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.mcphub.core.Json;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.doc.DocumentParser;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.util.List;

/** Request bodies read as JSON, with malformed input reported at its line and column. */
final class Bodies {

    private Bodies() {}

    static <T> T read(Context ctx, Class<T> type) {
        String body = ctx.body();
        try {
            return Json.JSON.readValue(body, type);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new ProblemException(ProblemType.BAD_REQUEST, "request body " + line + ":" + column
                    + ": not the expected JSON: " + e.getOriginalMessage().lines().findFirst().orElse("") + "; see docs/api.md",
                    List.of(ProblemException.Location.at("request", line, column, e.getOriginalMessage())));
        }
    }

    static JsonNode tree(Context ctx, String source) {
        return DocumentParser.parse(ctx.body(), DocumentFormat.JSON, source);
    }
}

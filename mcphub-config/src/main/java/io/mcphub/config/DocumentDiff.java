package io.mcphub.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import com.flipkart.zjsonpatch.JsonPatch;
import io.mcphub.core.Json;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Minimal RFC 6902 patches between two JSON forms. Move and copy ops are left out: they are shorter only for
 * machines, and a reviewer reads "replace /interval 60 → 30" faster than a move between array slots.
 */
final class DocumentDiff {

    private static final EnumSet<DiffFlags> FLAGS = EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);

    private DocumentDiff() {}

    static JsonNode patch(JsonNode from, JsonNode to) {
        return JsonDiff.asJson(from, to, FLAGS);
    }

    /**
     * The patch as readable rows, each with the value it replaces or removes. Ops are applied one by one so that
     * array indices in later ops are read against the document as the earlier ops left it.
     */
    static List<Change> changes(JsonNode from, JsonNode patch) {
        List<Change> rows = new ArrayList<>();
        JsonNode working = from.deepCopy();
        for (JsonNode op : patch) {
            String path = op.path("path").asText();
            String kind = op.path("op").asText();
            JsonNode old = kind.equals("add") ? null : working.at(path);
            rows.add(new Change(kind, path, old == null || old.isMissingNode() ? null : old, op.get("value")));
            working = JsonPatch.apply(Json.JSON.createArrayNode().add(op), working);
        }
        return rows;
    }
}

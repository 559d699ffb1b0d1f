package io.mcphub.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What a batch push did, or would do with {@code dryRun}. */
public record PushResult(boolean dryRun, List<Document> documents) {

    /** {@code action} is {@code create}, {@code update} or {@code unchanged}; {@code fromVersion} 0 on create. */
    public record Document(String key, String source, String action, long fromVersion, long toVersion,
                           JsonNode patch, List<Change> changes) {}
}

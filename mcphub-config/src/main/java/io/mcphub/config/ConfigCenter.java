package io.mcphub.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.text.Suggestions;
import io.mcphub.config.PushExpander.PushDocument;
import io.mcphub.config.SecretSealer.Sealed;
import io.mcphub.config.SecretSealer.View;
import io.mcphub.core.Json;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.store.Compare;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Op;
import io.mcphub.store.Store;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration center's operations. Every write is one store transaction guarded by the mod revision of each
 * document head it read, so concurrent publishers never lose an update: a lost race is retried, or answered 409 when
 * the caller pinned the version it expected.
 */
public final class ConfigCenter {

    private static final int MAX_ATTEMPTS = 8;

    private final Store store;
    private final SecretSealer sealer;
    private final SchemaChecker schemas = new SchemaChecker();

    /** The store key that changes whenever {@code key} gets a new version: what a watcher of one document watches. */
    public static String headKey(String key) {
        return ConfigLayout.head(ConfigKey.of(key));
    }

    public ConfigCenter(Store store, EnvelopeCipher cipher) {
        this.store = store;
        this.sealer = new SecretSealer(cipher);
    }

    // ---- writes ----

    public PublishResult publish(Publish request) {
        ConfigKey key = ConfigKey.of(request.key());
        String content = request.content() == null ? "" : request.content();
        DocumentFormat format = request.format() != null ? request.format() : DocumentFormat.sniff(content);
        if (request.schema() != null) {
            schemas.checkIsSchema(request.schema(), key + " schema");
        }
        for (int attempt = 1; ; attempt++) {
            Head head = head(key);
            checkExpected(key, head, request.expectVersion());
            checkNoGray(key, head);
            Sealed sealed = sealer.seal(key, content, format, key.value());
            JsonNode schema = request.schema() != null ? request.schema() : schemaOrNull(key);
            if (schema != null) {
                schemas.validate(schema, sealed.plain(), key.value(), content, format);
            }
            Prepared p = new Prepared(key, head, sealed.raw(), sealed.content(), sealed.hash(), format, null);
            List<Op> extra = request.schema() == null ? List.of() : List.of(Op.put(ConfigLayout.schema(key), Json.bytes(request.schema())));
            if (commit(List.of(p), request.author(), request.message(), extra)) {
                return p.result();
            }
            raceLost(key, request.expectVersion(), attempt);
        }
    }

    public PublishResult rollback(String keyName, long to, String author, String message, Long expectVersion) {
        ConfigKey key = ConfigKey.of(keyName);
        for (int attempt = 1; ; attempt++) {
            Head head = requireHead(key);
            checkExpected(key, head, expectVersion);
            checkNoGray(key, head);
            StoredVersion target = version(key, head, to);
            JsonNode schema = schemaOrNull(key);
            if (schema != null) {
                schemas.validate(schema, sealer.plain(key, target.content()), key + " version " + to, null, null);
            }
            Prepared p = new Prepared(key, head, target.raw(), target.content(), target.hash(),
                    DocumentFormat.parse(target.format()).orElse(DocumentFormat.JSON), to);
            String why = message == null || message.isBlank() ? "rollback to version " + to : message;
            if (commit(List.of(p), author, why, List.of())) {
                return p.result();
            }
            raceLost(key, expectVersion, attempt);
        }
    }

    /** Validates every document first; then publishes all in one transaction, or (dry run) reports the plan only. */
    public PushResult push(List<PushFile> files, String author, String message, boolean dryRun) {
        List<PushDocument> docs = PushExpander.expand(files);
        for (int attempt = 1; ; attempt++) {
            List<Prepared> prepared = new ArrayList<>();
            List<PushResult.Document> plan = new ArrayList<>();
            for (PushDocument d : docs) {
                Head head = head(d.key());
                checkNoGray(d.key(), head);
                Sealed sealed = sealer.seal(d.key(), d.text(), d.format(), d.source());
                JsonNode schema = schemaOrNull(d.key());
                if (schema != null) {
                    schemas.validate(schema, sealed.plain(), d.source(), d.text(), d.format());
                }
                Prepared p = new Prepared(d.key(), head, sealed.raw(), sealed.content(), sealed.hash(), d.format(), null);
                prepared.add(p);
                plan.add(planEntry(d, p, sealed));
            }
            if (dryRun || commit(prepared, author, message, List.of())) {
                return new PushResult(dryRun, plan);
            }
            raceLost(null, null, attempt);
        }
    }

    /**
     * Publishes a candidate version to the instances {@code labels} or {@code percent} choose (see
     * {@link GrayRelease}); the head, and so every watcher and every other instance, stays at the stable version.
     */
    public GrayRelease publishGray(Publish request, java.util.Map<String, String> labels, Integer percent) {
        ConfigKey key = ConfigKey.of(request.key());
        boolean byLabels = labels != null && !labels.isEmpty();
        if (byLabels == (percent != null)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "a gray release chooses its instances by labels or by"
                    + " percent; give exactly one of --gray-labels k=v and --gray-percent P");
        }
        if (percent != null && (percent < 1 || percent > 99)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "--gray-percent must be between 1 and 99, not " + percent
                    + "; to publish to every instance, publish without it");
        }
        String content = request.content() == null ? "" : request.content();
        DocumentFormat format = request.format() != null ? request.format() : DocumentFormat.sniff(content);
        for (int attempt = 1; ; attempt++) {
            Head head = head(key);
            if (!head.exists()) {
                throw new ProblemException(ProblemType.CONFLICT, key + " has no version yet for the other instances to"
                        + " keep; publish its first version with 'mcphub config set " + key + " -f FILE'");
            }
            checkExpected(key, head, request.expectVersion());
            checkNoGray(key, head);
            Sealed sealed = sealer.seal(key, content, format, key.value());
            JsonNode schema = schemaOrNull(key);
            if (schema != null) {
                schemas.validate(schema, sealed.plain(), key.value(), content, format);
            }
            if (head.head().hash().equals(sealed.hash())) {
                throw new ProblemException(ProblemType.CONFLICT, key + " version " + head.version() + " already has this"
                        + " content, so there is nothing to release; nothing was written");
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            long candidate = head.head().lastNumber() + 1;
            String msg = request.message() == null ? "" : request.message();
            GrayRelease gray = new GrayRelease(candidate, head.version(), sealed.hash(), byLabels ? labels : null, percent,
                    request.author(), now, msg);
            StoredVersion stored = new StoredVersion(candidate, request.author(), msg, now, sealed.hash(), format.id(), null,
                    sealed.raw(), sealed.content());
            if (writeHead(key, head, head.head().withGray(gray, candidate),
                    Op.put(ConfigLayout.version(key, candidate), Json.bytes(stored)))) {
                return gray;
            }
            raceLost(key, request.expectVersion(), attempt);
        }
    }

    /** Makes the gray release's candidate the document's head: every instance and watcher gets it. */
    public PublishResult promoteGray(String keyName, String author) {
        ConfigKey key = ConfigKey.of(keyName);
        for (int attempt = 1; ; attempt++) {
            Head head = requireHead(key);
            GrayRelease gray = requireGray(key, head);
            StoredVersion target = version(key, head, gray.candidate());
            JsonNode schema = schemaOrNull(key);
            if (schema != null) {
                schemas.validate(schema, sealer.plain(key, target.content()), key + " version " + gray.candidate(), null, null);
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            DocumentHead promoted = new DocumentHead(key.value(), target.version(), target.hash(), target.format(), author,
                    now, "promote gray version " + target.version(), null, head.head().lastNumber());
            if (writeHead(key, head, promoted)) {
                return new PublishResult(key.value(), target.version(), true, target.hash());
            }
            raceLost(key, null, attempt);
        }
    }

    /** Ends the gray release: the chosen instances go back to the stable version; the candidate stays in history. */
    public GrayRelease abortGray(String keyName) {
        ConfigKey key = ConfigKey.of(keyName);
        for (int attempt = 1; ; attempt++) {
            Head head = requireHead(key);
            GrayRelease gray = requireGray(key, head);
            if (writeHead(key, head, head.head().withGray(null, head.head().lastNumber()))) {
                return gray;
            }
            raceLost(key, null, attempt);
        }
    }

    public void setSchema(String keyName, JsonNode schema) {
        ConfigKey key = ConfigKey.of(keyName);
        schemas.checkIsSchema(schema, key + " schema");
        Head head = head(key);
        if (head.exists()) {
            StoredVersion latest = version(key, head, head.version());
            schemas.validate(schema, sealer.plain(key, latest.content()), key + " version " + head.version(), null, null);
        }
        // Guard on the head so a publish racing this call is checked against one schema or the other, never neither.
        var result = store.txn(List.of(Compare.modRevision(ConfigLayout.head(key), head.modRevision())),
                List.of(Op.put(ConfigLayout.schema(key), Json.bytes(schema))));
        if (!result.succeeded()) {
            throw new ProblemException(ProblemType.CONFLICT, key + " was published while its schema was being set; run 'config schema set' again");
        }
    }

    public void deleteSchema(String keyName) {
        ConfigKey key = ConfigKey.of(keyName);
        if (!store.delete(ConfigLayout.schema(key))) {
            throw new ProblemException(ProblemType.NOT_FOUND, key + " has no schema to delete");
        }
    }

    // ---- reads ----

    public JsonNode schema(String keyName) {
        ConfigKey key = ConfigKey.of(keyName);
        JsonNode schema = schemaOrNull(key);
        if (schema == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, key + " has no schema; set one with 'config schema set " + key + " -f schema.json'");
        }
        return schema;
    }

    public DocumentView get(String keyName, Long version, boolean reveal) {
        ConfigKey key = ConfigKey.of(keyName);
        Head head = requireHead(key);
        StoredVersion v = version(key, head, version == null ? head.version() : version);
        View view = reveal ? View.REVEALED : View.MASKED;
        return new DocumentView(key.value(), v.version(), DocumentFormat.parse(v.format()).orElse(DocumentFormat.JSON),
                sealer.rawView(key, v.raw(), view), sealer.treeView(key, v.content(), view));
    }

    /** Which version the document's instances get: the stable head, and a gray release's candidate if one runs. */
    public Optional<DocumentRelease> release(String keyName) {
        ConfigKey key = ConfigKey.of(keyName);
        return Optional.ofNullable(head(key).head()).map(h -> new DocumentRelease(key.value(), h.version(), h.time(), h.gray()));
    }

    /** As {@link #release}, for a document that must exist: else 404 with the closest key. */
    public DocumentRelease requireRelease(String keyName) {
        ConfigKey key = ConfigKey.of(keyName);
        DocumentHead h = requireHead(key).head();
        return new DocumentRelease(key.value(), h.version(), h.time(), h.gray());
    }

    /** Every document's release by key, in one read: for views over all instances. */
    public java.util.Map<String, DocumentRelease> releases() {
        java.util.Map<String, DocumentRelease> all = new java.util.HashMap<>();
        store.range(ConfigLayout.HEADS).kvs().forEach(kv -> {
            DocumentHead h = Json.read(kv.value(), DocumentHead.class);
            all.put(h.key(), new DocumentRelease(h.key(), h.version(), h.time(), h.gray()));
        });
        return all;
    }

    public List<VersionInfo> history(String keyName) {
        ConfigKey key = ConfigKey.of(keyName);
        requireHead(key);
        return store.range(ConfigLayout.versionsOf(key)).kvs().stream()
                .map(kv -> Json.read(kv.value(), StoredVersion.class).info())
                .sorted(Comparator.comparingLong(VersionInfo::version).reversed())
                .toList();
    }

    public DiffResult diff(String keyName, long from, long to) {
        ConfigKey key = ConfigKey.of(keyName);
        Head head = requireHead(key);
        JsonNode a = sealer.treeView(key, version(key, head, from).content(), View.FINGERPRINTED);
        JsonNode b = sealer.treeView(key, version(key, head, to).content(), View.FINGERPRINTED);
        JsonNode patch = DocumentDiff.patch(a, b);
        return new DiffResult(key.value(), from, to, patch, DocumentDiff.changes(a, patch));
    }

    public List<DocumentSummary> list() {
        Set<String> withSchema = new HashSet<>();
        store.range(ConfigLayout.SCHEMAS).kvs().forEach(kv -> withSchema.add(kv.key().substring(ConfigLayout.SCHEMAS.length())));
        return store.range(ConfigLayout.HEADS).kvs().stream()
                .map(kv -> Json.read(kv.value(), DocumentHead.class))
                .map(h -> new DocumentSummary(h.key(), h.version(), h.author(), h.time(), h.message(), h.format(), withSchema.contains(h.key())))
                .toList();
    }

    // ---- internals ----

    /** A document's head as read, with the mod revision that guards the next write (0: no document yet). */
    private record Head(DocumentHead head, long modRevision) {

        boolean exists() {
            return head != null;
        }

        long version() {
            return head == null ? 0 : head.version();
        }
    }

    /** One document ready to commit; unchanged content commits nothing. */
    private record Prepared(ConfigKey key, Head head, String raw, JsonNode content, String hash, DocumentFormat format, Long rollbackOf) {

        boolean changed() {
            return !head.exists() || !head.head().hash().equals(hash);
        }

        long newVersion() {
            return !head.exists() ? 1 : changed() ? head.head().lastNumber() + 1 : head.version();
        }

        PublishResult result() {
            return new PublishResult(key.value(), newVersion(), changed(), hash);
        }
    }

    private boolean commit(List<Prepared> prepared, String author, String message, List<Op> extraOps) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String msg = message == null ? "" : message;
        List<Compare> guards = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        for (Prepared p : prepared) {
            guards.add(Compare.modRevision(ConfigLayout.head(p.key()), p.head().modRevision()));
            if (p.changed()) {
                long v = p.newVersion();
                StoredVersion stored = new StoredVersion(v, author, msg, now, p.hash(), p.format().id(), p.rollbackOf(), p.raw(), p.content());
                DocumentHead head = new DocumentHead(p.key().value(), v, p.hash(), p.format().id(), author, now, msg, null, v);
                ops.add(Op.put(ConfigLayout.version(p.key(), v), Json.bytes(stored)));
                ops.add(Op.put(ConfigLayout.head(p.key()), Json.bytes(head)));
            }
        }
        ops.addAll(extraOps);
        return ops.isEmpty() || store.txn(guards, ops).succeeded();
    }

    /** One head rewrite (and any extra ops), guarded by the head as read. */
    private boolean writeHead(ConfigKey key, Head read, DocumentHead next, Op... extra) {
        List<Op> ops = new ArrayList<>(List.of(extra));
        ops.add(Op.put(ConfigLayout.head(key), Json.bytes(next)));
        return store.txn(List.of(Compare.modRevision(ConfigLayout.head(key), read.modRevision())), ops).succeeded();
    }

    private static void checkNoGray(ConfigKey key, Head head) {
        if (head.exists() && head.head().gray() != null) {
            GrayRelease g = head.head().gray();
            throw new ProblemException(ProblemType.CONFLICT, key + " has a gray release of version " + g.candidate()
                    + " to " + g.selector() + " in progress, so nothing was written; finish it first with 'mcphub config"
                    + " gray promote " + key + "' or 'mcphub config gray abort " + key + "'");
        }
    }

    private static GrayRelease requireGray(ConfigKey key, Head head) {
        if (head.head().gray() == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, key + " has no gray release in progress; start one with"
                    + " 'mcphub config set " + key + " -f FILE --gray-labels k=v' (or --gray-percent P)");
        }
        return head.head().gray();
    }

    private static void raceLost(ConfigKey key, Long expectVersion, int attempt) {
        if (expectVersion != null) {
            throw new ProblemException(ProblemType.CONFLICT, key + " was published by someone else meanwhile, so it is no longer at version "
                    + expectVersion + "; fetch the latest with 'config get' and retry");
        }
        if (attempt >= MAX_ATTEMPTS) {
            throw new ProblemException(ProblemType.CONFLICT, "too many concurrent publishes" + (key == null ? "" : " to " + key) + "; retry in a moment");
        }
    }

    private static void checkExpected(ConfigKey key, Head head, Long expectVersion) {
        if (expectVersion != null && expectVersion != head.version()) {
            String now = head.exists() ? "is at version " + head.version() : "does not exist yet";
            throw new ProblemException(ProblemType.CONFLICT, key + " " + now + ", not version " + expectVersion
                    + " as expected; nothing was written — fetch the latest with 'config get " + key + "', reapply your change and retry");
        }
    }

    private PushResult.Document planEntry(PushDocument d, Prepared p, Sealed sealed) {
        if (!p.head().exists()) {
            JsonNode patch = DocumentDiff.patch(Json.JSON.createObjectNode(), sealed.fingerprinted());
            return new PushResult.Document(d.key().value(), d.source(), "create", 0, 1, patch,
                    DocumentDiff.changes(Json.JSON.createObjectNode(), patch));
        }
        long current = p.head().version();
        if (!p.changed()) {
            return new PushResult.Document(d.key().value(), d.source(), "unchanged", current, current,
                    Json.JSON.createArrayNode(), List.of());
        }
        JsonNode before = sealer.treeView(d.key(), version(d.key(), p.head(), current).content(), View.FINGERPRINTED);
        JsonNode patch = DocumentDiff.patch(before, sealed.fingerprinted());
        return new PushResult.Document(d.key().value(), d.source(), "update", current, current + 1, patch,
                DocumentDiff.changes(before, patch));
    }

    private Head head(ConfigKey key) {
        Optional<KeyValue> kv = store.get(ConfigLayout.head(key));
        return kv.map(h -> new Head(Json.read(h.value(), DocumentHead.class), h.modRevision())).orElse(new Head(null, 0));
    }

    private Head requireHead(ConfigKey key) {
        Head head = head(key);
        if (!head.exists()) {
            List<String> known = store.range(ConfigLayout.HEADS).kvs().stream()
                    .map(kv -> kv.key().substring(ConfigLayout.HEADS.length())).toList();
            String hint = Suggestions.closest(key.value(), known).map(s -> "did you mean \"" + s + "\"? ").orElse("");
            throw new ProblemException(ProblemType.NOT_FOUND, "no configuration document \"" + key + "\"; " + hint
                    + "list documents with 'mcphub config list'");
        }
        return head;
    }

    private StoredVersion version(ConfigKey key, Head head, long version) {
        Optional<KeyValue> kv = version < 1 || version > head.head().lastNumber() ? Optional.empty() : store.get(ConfigLayout.version(key, version));
        return kv.map(v -> Json.read(v.value(), StoredVersion.class)).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                key + " has versions 1 to " + head.head().lastNumber() + "; there is no version " + version));
    }

    private JsonNode schemaOrNull(ConfigKey key) {
        return store.get(ConfigLayout.schema(key)).map(kv -> Json.tree(kv.value())).orElse(null);
    }
}

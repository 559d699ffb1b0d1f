package io.mcphub.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.security.audit.AuditVerifier.Verification;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path tmp;

    Store store;
    Path dataDir;
    final List<AuditLog> logs = new ArrayList<>();

    @BeforeEach
    void openStore() {
        store = Stores.open("embedded", tmp.resolve("store"));
        dataDir = tmp.resolve("data");
    }

    @AfterEach
    void closeAll() {
        logs.forEach(AuditLog::close);
        store.close();
    }

    AuditLog open(Path dir) {
        AuditLog log = AuditLog.open(store, dir);
        logs.add(log);
        return log;
    }

    static AuditEvent event(int i) {
        return AuditEvent.builder("config.publish").success().actor("user" + (i % 3), "jwt")
                .resource("payment/db").label("config.version", Integer.toString(i)).build();
    }

    static List<ObjectNode> lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.map(AuditChain::parse).toList();
        }
    }

    static List<Long> sequences(Path file) throws IOException {
        return lines(file).stream().map(AuditChain::sequence).toList();
    }

    static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @Test
    void everyLineIsAnEcsJsonObject() throws IOException {
        AuditLog log = open(dataDir);
        log.append(AuditEvent.builder("auth.login").success().actor("alice", "jwt").sourceIp("10.0.0.7")
                .requestId("req-1").http("POST", "/api/v1/auth/login", 200).build());
        log.append(AuditEvent.builder("config.publish").success().actor("alice", "api-token:0123456789abcdef")
                .resource("payment/db").http("PUT", "/api/v1/configs/payment/db", 200).sourceIp("::1")
                .label("config.version", "4").build());
        log.append(AuditEvent.builder("http.denied").failure("bob lacks permission write:user on carol")
                .actor("bob", "jwt").http("DELETE", "/api/v1/users/carol", 403).sourceIp("unknown").build());
        log.append(AuditEvent.builder("token.create").success().actor("alice", "jwt").build());

        List<String> raw = Files.readAllLines(log.file());
        assertThat(raw).hasSize(4);
        for (String line : raw) {
            JsonNode doc = AuditChain.parse(line);
            assertThat(doc).as(line).isNotNull();
            assertThat(doc.path("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(doc.at("/ecs/version").asText()).isEqualTo("8.11.0");
            assertThat(doc.at("/event/kind").asText()).isEqualTo("event");
            assertThat(doc.at("/event/category").isArray()).isTrue();
            assertThat(doc.at("/event/sequence").isIntegralNumber()).isTrue();
            assertThat(doc.at("/event/hash").asText()).hasSize(64);
            assertThat(doc.at("/mcphub/audit/previous_hash").asText()).hasSize(64);
            assertThat(doc.at("/service/name").asText()).isEqualTo("mcphub");
            assertThat(doc.at("/user/name").isTextual()).isTrue();
        }
        JsonNode login = AuditChain.parse(raw.get(0));
        assertThat(login.at("/event/category/0").asText()).isEqualTo("authentication");
        assertThat(login.at("/event/action").asText()).isEqualTo("auth.login");
        assertThat(login.at("/event/outcome").asText()).isEqualTo("success");
        assertThat(login.at("/user/name").asText()).isEqualTo("alice");
        assertThat(login.at("/source/ip").asText()).isEqualTo("10.0.0.7");
        assertThat(login.at("/trace/id").asText()).isEqualTo("req-1");
        assertThat(login.at("/http/request/method").asText()).isEqualTo("POST");
        assertThat(login.at("/http/response/status_code").isInt()).isTrue();
        assertThat(login.at("/url/path").asText()).isEqualTo("/api/v1/auth/login");
        assertThat(login.at("/mcphub/auth/via").asText()).isEqualTo("jwt");
        assertThat(login.at("/mcphub/audit/previous_hash").asText()).isEqualTo(AuditChain.GENESIS);

        JsonNode publish = AuditChain.parse(raw.get(1));
        assertThat(publish.at("/event/category/0").asText()).isEqualTo("configuration");
        assertThat(publish.at("/labels/config_version").asText()).isEqualTo("4");
        assertThat(publish.at("/mcphub/resource").asText()).isEqualTo("payment/db");
        assertThat(publish.at("/source/ip").asText()).isEqualTo("::1");
        assertThat(publish.at("/mcphub/audit/previous_hash").asText()).isEqualTo(login.at("/event/hash").asText());

        JsonNode denied = AuditChain.parse(raw.get(2));
        assertThat(denied.at("/event/category/0").asText()).isEqualTo("web");
        assertThat(denied.at("/event/outcome").asText()).isEqualTo("failure");
        assertThat(denied.at("/event/reason").asText()).isEqualTo("bob lacks permission write:user on carol");
        assertThat(denied.at("/source/address").asText()).isEqualTo("unknown");
        assertThat(denied.at("/source/ip").isMissingNode()).isTrue();

        assertThat(AuditChain.parse(raw.get(3)).at("/event/category/0").asText()).isEqualTo("iam");
        assertThat(sequences(log.file())).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void theFileLineIsExactlyTheStoredEvent() throws IOException {
        AuditLog log = open(dataDir);
        AuditLog.Appended appended = log.append(event(1));

        String stored = store.get(StoredChain.eventKey(1)).orElseThrow().valueAsString();
        assertThat(Files.readAllLines(log.file())).containsExactly(stored);
        assertThat(appended.sequence()).isEqualTo(1);
        assertThat(appended.hash()).isEqualTo(AuditChain.hash(AuditChain.parse(stored)));
    }

    @Test
    void fileAndDirectoryAreReadableByTheHubOnly() throws IOException {
        AuditLog log = open(dataDir);
        log.append(event(1));

        assertThat(log.file()).isEqualTo(dataDir.resolve("audit/audit.ndjson"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.file().getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void anExistingWorldReadableFileIsMadePrivate() throws IOException {
        Path file = dataDir.resolve("audit/audit.ndjson");
        Files.createDirectories(file.getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));

        open(dataDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void chainVerifiesInTheFileAndTheStore() {
        AuditLog log = open(dataDir);
        for (int i = 0; i < 20; i++) {
            log.append(event(i));
        }

        assertThat(AuditVerifier.verifyFile(log.file())).isEqualTo(new Verification(true, 20, null, 0, null, 1));
        assertThat(AuditVerifier.verifyStore(store)).isEqualTo(new Verification(true, 20, null, 0, null, 1));
    }

    @Test
    void eventsSurviveARestartAndTheChainContinues() throws IOException {
        AuditLog first = AuditLog.open(store, dataDir);
        for (int i = 0; i < 3; i++) {
            first.append(event(i));
        }
        String thirdHash = AuditChain.hash(lines(first.file()).get(2));
        first.close();
        store.close();

        store = Stores.open("embedded", tmp.resolve("store"));
        AuditLog second = open(dataDir);
        assertThat(second.append(event(3)).sequence()).isEqualTo(4);
        second.append(event(4));

        assertThat(lines(second.file()).get(3).at("/mcphub/audit/previous_hash").asText()).isEqualTo(thirdHash);
        assertThat(sequences(second.file())).isEqualTo(oneTo(5));
        assertThat(AuditVerifier.verifyFile(second.file()).ok()).isTrue();
        Verification stored = AuditVerifier.verifyStore(store);
        assertThat(stored.ok()).isTrue();
        assertThat(stored.events()).isEqualTo(5);
    }

    @Test
    void concurrentAppendsGiveAGapFreeSequence() throws Exception {
        AuditLog log = open(dataDir);
        appendConcurrently(List.of(log), 8, 50);

        assertThat(sequences(log.file())).isEqualTo(oneTo(400));
        assertThat(AuditVerifier.verifyFile(log.file()).ok()).isTrue();
        assertThat(AuditVerifier.verifyStore(store)).extracting(Verification::ok, Verification::events)
                .containsExactly(true, 400L);
    }

    @Test
    void twoHubsOnOneStoreKeepOneChainAndEachFileHoldsAllOfIt() throws Exception {
        AuditLog hubA = open(tmp.resolve("hub-a"));
        AuditLog hubB = open(tmp.resolve("hub-b"));
        appendConcurrently(List.of(hubA, hubB), 8, 40);
        hubA.catchUpFile();
        hubB.catchUpFile();

        assertThat(AuditVerifier.verifyStore(store)).extracting(Verification::ok, Verification::events)
                .containsExactly(true, 320L);
        for (AuditLog hub : List.of(hubA, hubB)) {
            assertThat(sequences(hub.file())).isEqualTo(oneTo(320));
            assertThat(AuditVerifier.verifyFile(hub.file()).ok()).isTrue();
        }
        assertThat(Files.readAllLines(hubA.file())).isEqualTo(Files.readAllLines(hubB.file()));
    }

    /** {@code threads} threads, spread over {@code hubs}, each appending {@code perThread} events. */
    private static void appendConcurrently(List<AuditLog> hubs, int threads, int perThread) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                AuditLog hub = hubs.get(t % hubs.size());
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        hub.append(event(i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    @Test
    void aFileRotatedAwayWhileRunningContinuesInANewFile() throws IOException {
        AuditLog log = open(dataDir);
        for (int i = 0; i < 3; i++) {
            log.append(event(i));
        }
        Path rotated = log.file().resolveSibling("audit.ndjson.1");
        Files.move(log.file(), rotated);

        log.append(event(3));
        log.append(event(4));

        assertThat(sequences(rotated)).containsExactly(1L, 2L, 3L);
        assertThat(sequences(log.file())).containsExactly(4L, 5L);
        assertThat(AuditVerifier.verifyFile(log.file())).extracting(Verification::ok, Verification::firstSequence)
                .containsExactly(true, 4L);
        Path joined = tmp.resolve("joined.ndjson");
        Files.write(joined, Files.readAllBytes(rotated));
        Files.write(joined, Files.readAllBytes(log.file()), StandardOpenOption.APPEND);
        assertThat(AuditVerifier.verifyFile(joined)).extracting(Verification::ok, Verification::events)
                .containsExactly(true, 5L);
    }

    @Test
    void aFileRotatedAwayWhileStoppedStartsAtTheStoresHead() throws IOException {
        AuditLog first = AuditLog.open(store, dataDir);
        first.append(event(1));
        first.append(event(2));
        first.close();
        Files.move(first.file(), first.file().resolveSibling("audit.ndjson.1"));

        AuditLog second = open(dataDir);
        second.append(event(3));

        assertThat(sequences(second.file())).containsExactly(3L);
    }

    @Test
    void aFileBehindTheStoreIsBroughtUpToItOnStart() throws IOException {
        AuditLog hubA = AuditLog.open(store, tmp.resolve("hub-a"));
        hubA.append(event(1));
        hubA.close();
        AuditLog hubB = open(tmp.resolve("hub-b"));
        hubB.append(event(2));
        hubB.append(event(3));

        AuditLog restarted = open(tmp.resolve("hub-a"));

        assertThat(sequences(restarted.file())).containsExactly(1L, 2L, 3L);
        assertThat(AuditVerifier.verifyFile(restarted.file()).ok()).isTrue();
    }

    @Test
    void eventsOfAnotherReplicaAreCopiedBeforeTheNextOwnOne() throws IOException {
        AuditLog hubA = open(tmp.resolve("hub-a"));
        AuditLog hubB = open(tmp.resolve("hub-b"));
        hubA.append(event(1));
        hubB.append(event(2));
        hubB.append(event(3));
        hubA.append(event(4));

        assertThat(sequences(hubA.file())).containsExactly(1L, 2L, 3L, 4L);
        assertThat(sequences(hubB.file())).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aLineCutShortByACrashIsRewrittenFromTheStore() throws IOException {
        AuditLog first = AuditLog.open(store, dataDir);
        for (int i = 0; i < 3; i++) {
            first.append(event(i));
        }
        first.close();
        try (FileChannel ch = FileChannel.open(first.file(), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 40);
        }
        assertThat(AuditVerifier.verifyFile(first.file()).ok()).isFalse();

        AuditLog second = open(dataDir);

        assertThat(AuditVerifier.verifyFile(second.file())).extracting(Verification::ok, Verification::events)
                .containsExactly(true, 3L);
        second.append(event(3));
        assertThat(sequences(second.file())).isEqualTo(oneTo(4));
    }

    @Test
    void aFileOfAnotherChainIsMovedAsideNotContinued() throws IOException {
        AuditLog old = AuditLog.open(store, dataDir);
        old.append(event(1));
        old.append(event(2));
        old.close();
        store.close();
        store = Stores.open("embedded", tmp.resolve("new-store"));

        AuditLog log = open(dataDir);
        log.append(event(3));

        try (Stream<Path> files = Files.list(log.file().getParent())) {
            Path aside = files.filter(p -> p.getFileName().toString().startsWith("audit.ndjson.orphaned-"))
                    .findFirst().orElseThrow();
            assertThat(sequences(aside)).containsExactly(1L, 2L);
        }
        assertThat(sequences(log.file())).containsExactly(1L);
        assertThat(AuditVerifier.verifyFile(log.file()).ok()).isTrue();
    }

    @Test
    void anUnwritableFileNeverLosesTheStoredEventAndIsRepairedLater() throws IOException {
        AuditLog log = open(dataDir);
        log.append(event(1));
        Files.delete(log.file());
        Files.createDirectory(log.file());

        assertThat(log.append(event(2)).sequence()).isEqualTo(2);
        assertThat(AuditVerifier.verifyStore(store).events()).isEqualTo(2);

        Files.delete(log.file());
        log.append(event(3));

        assertThat(sequences(log.file())).containsExactly(2L, 3L);
        assertThat(AuditVerifier.verifyFile(log.file()).ok()).isTrue();
    }
}

package io.mcphub.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.audit.AuditVerifier.Verification;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifierTest {

    @TempDir
    Path tmp;

    Store store;
    List<String> lines;

    @BeforeEach
    void writeTenEvents() throws IOException {
        store = Stores.open("embedded", tmp.resolve("store"));
        try (AuditLog log = AuditLog.open(store, tmp.resolve("data"))) {
            for (int i = 1; i <= 10; i++) {
                log.append(AuditLogTest.event(i));
            }
            lines = Files.readAllLines(log.file());
        }
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Verification verify(List<String> content) throws IOException {
        Path file = tmp.resolve("copy.ndjson");
        Files.writeString(file, String.join("\n", content) + "\n");
        return AuditVerifier.verifyFile(file);
    }

    private List<String> edited(int line, UnaryOperator<String> edit) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(line - 1, edit.apply(copy.get(line - 1)));
        return copy;
    }

    private static String changeUser(String line, boolean rehash) {
        ObjectNode doc = AuditChain.parse(line);
        doc.withObjectProperty("user").put("name", "mallory");
        if (rehash) {
            AuditChain.seal(doc, AuditChain.sequence(doc), AuditChain.previousHash(doc));
        }
        return Json.write(doc);
    }

    private static Verification failure(long events, long sequence, int line, String reason) {
        return new Verification(false, events, sequence, line, reason, 1);
    }

    @Test
    void anUntouchedFileVerifies() throws IOException {
        assertThat(verify(lines)).isEqualTo(new Verification(true, 10, null, 0, null, 1));
    }

    @Test
    void reformattingWithoutChangingValuesIsNotTampering() throws IOException {
        List<String> reformatted = lines.stream()
                .map(l -> Json.writePretty(AuditChain.sorted(AuditChain.parse(l))).replace("\n", "")).toList();

        assertThat(verify(reformatted).ok()).isTrue();
    }

    @Test
    void aChangedFieldIsNamed() throws IOException {
        assertThat(verify(edited(7, l -> changeUser(l, false)))).isEqualTo(failure(6, 7, 7,
                "line 7 (event 7): hash does not match its content — the event was altered"));
    }

    @Test
    void aChangedFieldWithARecomputedHashBreaksTheLinkToTheNextEvent() throws IOException {
        assertThat(verify(edited(6, l -> changeUser(l, true)))).isEqualTo(failure(6, 6, 6,
                "line 6 (event 6): the next event (line 7 (event 7)) does not chain to its hash — event 6 was "
                        + "altered and re-hashed, or replaced"));
    }

    @Test
    void aDeletedLineIsNamed() throws IOException {
        List<String> copy = new ArrayList<>(lines);
        copy.remove(6);

        assertThat(verify(copy)).isEqualTo(failure(6, 7, 7,
                "line 7: expected event 7 but found 8 — event 7 is missing"));
    }

    @Test
    void severalDeletedLinesAreNamedAsARange() throws IOException {
        List<String> copy = new ArrayList<>(lines);
        copy.subList(3, 6).clear();

        assertThat(verify(copy).reason()).isEqualTo("line 4: expected event 4 but found 7 — events 4 to 6 are missing");
    }

    @Test
    void aReorderedLineIsNamed() throws IOException {
        List<String> copy = new ArrayList<>(lines);
        copy.set(4, lines.get(5));
        copy.set(5, lines.get(4));

        assertThat(verify(copy)).isEqualTo(failure(4, 5, 5,
                "line 5: expected event 5 but found 6 — event 5 is out of order (it is on line 6)"));
    }

    @Test
    void aRepeatedLineIsNamed() throws IOException {
        List<String> copy = new ArrayList<>(lines);
        copy.add(4, lines.get(2));

        assertThat(verify(copy)).isEqualTo(failure(4, 5, 5,
                "line 5: expected event 5 but found 3 — event 3 appears twice: an event was inserted or repeated"));
    }

    @Test
    void anInsertedForgedEventIsNamedEvenWithAValidHash() throws IOException {
        ObjectNode forged = EcsFormat.encode(AuditEvent.builder("user.create").success().actor("mallory", "jwt").build(),
                java.time.Instant.now());
        AuditChain.seal(forged, 4, AuditChain.hash(AuditChain.parse(lines.get(2))));
        List<String> copy = new ArrayList<>(lines);
        copy.add(3, Json.write(forged));

        assertThat(verify(copy)).isEqualTo(failure(4, 5, 5,
                "line 5: expected event 5 but found 4 — event 4 appears twice: an event was inserted or repeated"));
    }

    @Test
    void aTruncatedLastLineIsNamed() throws IOException {
        Path file = tmp.resolve("cut.ndjson");
        String content = String.join("\n", lines) + "\n";
        Files.writeString(file, content.substring(0, content.length() - 30));

        assertThat(AuditVerifier.verifyFile(file)).isEqualTo(failure(9, 10, 10,
                "line 10: not valid JSON — the line is cut short (the file does not end with a newline)"));
    }

    @Test
    void aGarbledLineIsNamed() throws IOException {
        assertThat(verify(edited(3, l -> l.substring(1)))).isEqualTo(failure(2, 3, 3, "line 3: not valid JSON"));
        assertThat(verify(edited(3, l -> "{\"hello\":1}")).reason()).isEqualTo("line 3: not an audit event "
                + "(event.sequence, event.hash or mcphub.audit.previous_hash is missing or malformed)");
    }

    @Test
    void aFirstEventNotChainedToZerosIsNamed() throws IOException {
        List<String> copy = edited(1, l -> {
            ObjectNode doc = AuditChain.parse(l);
            AuditChain.seal(doc, 1, "f".repeat(64));
            return Json.write(doc);
        });

        assertThat(verify(copy.subList(0, 1)).reason())
                .isEqualTo("line 1 (event 1): the first event must chain to 64 zeros — the event was altered and re-hashed");
    }

    @Test
    void aFileStartingAfterRotationVerifiesFromItsFirstLine() throws IOException {
        assertThat(verify(lines.subList(3, 10))).isEqualTo(new Verification(true, 7, null, 0, null, 4));
    }

    @Test
    void anEmptyFileVerifiesWithNoEvents() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.ndjson"));

        assertThat(AuditVerifier.verifyFile(empty)).isEqualTo(new Verification(true, 0, null, 0, null, 0));
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> AuditVerifier.verifyFile(tmp.resolve("nope.ndjson")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.NOT_FOUND))
                .hasMessageContaining("there is no audit file at");
    }

    @Test
    void theStoredChainVerifies() {
        assertThat(AuditVerifier.verifyStore(store)).isEqualTo(new Verification(true, 10, null, 0, null, 1));
    }

    @Test
    void aChangedStoredEventIsNamed() {
        String key = StoredChain.eventKey(4);
        store.put(key, changeUser(store.get(key).orElseThrow().valueAsString(), false).getBytes(StandardCharsets.UTF_8));

        assertThat(AuditVerifier.verifyStore(store)).isEqualTo(failure(3, 4, 0,
                "event 4: hash does not match its content — the event was altered"));
    }

    @Test
    void aDeletedStoredEventIsNamed() {
        store.delete(StoredChain.eventKey(4));

        assertThat(AuditVerifier.verifyStore(store)).isEqualTo(failure(3, 4, 0,
                "key /mcphub/audit/events/0000000000000005: expected event 4 but found 5 — event 4 is missing"));
    }

    @Test
    void deletedNewestStoredEventsAreNamedThroughTheHead() {
        store.delete(StoredChain.eventKey(10));

        assertThat(AuditVerifier.verifyStore(store)).isEqualTo(failure(9, 10, 0,
                "event 10 is missing — the head says the chain reaches event 10"));
    }

    @Test
    void aReplacedNewestEventIsNamedThroughTheHead() {
        String key = StoredChain.eventKey(10);
        store.put(key, changeUser(store.get(key).orElseThrow().valueAsString(), true).getBytes(StandardCharsets.UTF_8));

        assertThat(AuditVerifier.verifyStore(store).reason())
                .isEqualTo("event 10: the head records another hash — the event was altered and re-hashed, or replaced");
    }

    @Test
    void aDeletedHeadIsNamed() {
        store.delete(StoredChain.HEAD);

        assertThat(AuditVerifier.verifyStore(store).reason())
                .isEqualTo("the head key /mcphub/audit/head is missing although events are stored — it was deleted");
    }

    @Test
    void anEmptyStoreVerifies() {
        try (Store empty = Stores.open("embedded", tmp.resolve("empty"))) {
            assertThat(AuditVerifier.verifyStore(empty)).isEqualTo(new Verification(true, 0, null, 0, null, 0));
        }
    }
}

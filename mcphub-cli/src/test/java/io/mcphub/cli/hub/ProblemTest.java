package io.mcphub.cli.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.ExitCodes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** From an error answer to what the user reads and the exit code scripts see. */
class ProblemTest {
    private static CliException exceptionFor(int status, String body, HubRequest request) {
        return Problem.parse(status, body.getBytes(StandardCharsets.UTF_8)).toException(request);
    }

    @Test
    void conflictExitsWith4AndKeepsTheHubsSentence() {
        CliException e = exceptionFor(409, """
                {"type": "urn:mcphub:problem:version-conflict", "title": "Version conflict", "status": 409,
                 "detail": "payment is at version 5, not 4; fetch it again and retry"}""",
                HubRequest.post("/api/v1/config/docs/payment"));

        assertThat(e.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(e.getMessage()).isEqualTo("payment is at version 5, not 4; fetch it again and retry");
        assertThat(e.details()).isEmpty();
    }

    @Test
    void locatedErrorsBecomeFileLineColumnLines() {
        CliException e = exceptionFor(422, """
                {"title": "Invalid document", "status": 422,
                 "detail": "payment: line 3, column 12: unexpected character '}' — fix the YAML and publish again",
                 "errors": [
                   {"line": 3, "column": 12, "message": "unexpected character '}'"},
                   {"path": "$.interval", "pointer": "/interval", "message": "must be an integer"},
                   {"line": 7, "path": "$.x", "message": "too big"},
                   {"message": "something else"}
                 ]}""", HubRequest.post("/api/v1/config/docs/payment").source("conf/payment.yaml"));

        assertThat(e.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(e.getMessage()).startsWith("payment: line 3, column 12");
        assertThat(e.details()).containsExactly(
                "conf/payment.yaml:3:12: unexpected character '}'",
                "$.interval: must be an integer",
                "conf/payment.yaml:7: too big",
                "something else");
    }

    @Test
    void theUsersFileNameWinsOverTheKeyTheHubNames() {
        CliException e = exceptionFor(422, """
                {"detail": "payment:2:6: malformed YAML: mapping values are not allowed here; fix the YAML and try again",
                 "errors": [{"source": "payment", "line": 2, "column": 6, "message": "mapping values are not allowed here"}]}""",
                HubRequest.post("/api/v1/config/docs/payment").source("broken.yaml"));

        assertThat(e.details()).containsExactly("broken.yaml:2:6: mapping values are not allowed here");
    }

    @Test
    void anEntryNamingItsOwnSourceWinsInABatch() {
        CliException e = exceptionFor(422, """
                {"detail": "2 documents are invalid; fix them and push again", "errors": [
                  {"source": "services/a.json", "line": 1, "column": 5, "message": "bad"},
                  {"key": "b", "path": "$.port", "message": "must be >= 1"}]}""", HubRequest.post("/api/v1/config/push"));

        assertThat(e.details()).containsExactly("services/a.json:1:5: bad", "b: $.port: must be >= 1");
    }

    @Test
    void forbiddenExitsWith5AndNamesTheMissingPermission() {
        CliException e = exceptionFor(403, """
                {"status": 403, "detail": "bob lacks permission write:config on payment; ask an admin for a policy that grants it"}""",
                HubRequest.post("/api/v1/config/docs/payment"));

        assertThat(e.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(e.getMessage()).isEqualTo("bob lacks permission write:config on payment; ask an admin for a policy that grants it");
    }

    @Test
    void retryAfterIsSaidInWords() {
        Problem seconds = Problem.parse(429, "{\"detail\": \"too many failed logins for bob; wait before trying again\"}"
                .getBytes(StandardCharsets.UTF_8), "60");
        Problem date = Problem.parse(503, new byte[0], "Wed, 21 Oct 2015 07:28:00 GMT");

        assertThat(seconds.sentence("POST", "/api/v1/auth/login"))
                .isEqualTo("too many failed logins for bob; wait before trying again (retry in 60 seconds)");
        assertThat(date.sentence("GET", "/x")).endsWith("(retry after 2015-10-21T07:28:00Z)");
        assertThat(Problem.parse(429, new byte[0], "1").sentence("GET", "/x"))
                .isEqualTo("the hub refuses further requests for now (too many); wait and try again (retry in 1 second)");
    }

    @Test
    void aSentenceThatAlreadySaysHowLongIsNotRepeated() {
        // the hub's own 429 for a locked-out login
        Problem said = Problem.parse(429, "{\"detail\": \"too many failed logins; wait 30 seconds before trying again\"}"
                .getBytes(StandardCharsets.UTF_8), "30");

        assertThat(said.sentence("POST", "/api/v1/auth/login")).isEqualTo("too many failed logins; wait 30 seconds before trying again");
    }

    @Test
    void everyOtherErrorExitsWith1() {
        for (int status : new int[] {400, 401, 404, 413, 422, 429, 500, 503}) {
            assertThat(Problem.parse(status, new byte[0]).exitCode()).as("HTTP %d", status).isEqualTo(ExitCodes.FAILED);
        }
    }

    @Test
    void aBodyThatIsNotProblemJsonStillGivesAUsefulSentence() {
        HubRequest request = HubRequest.get("/api/v1/config/docs/payment").query("version", 9);

        assertThat(exceptionFor(404, "<html>nope</html>", request).getMessage())
                .isEqualTo("not found: GET /api/v1/config/docs/payment?version=9; check the key and version");
        assertThat(exceptionFor(401, "", request).getMessage()).contains("MCPHUB_TOKEN").contains("mcphub login");
        assertThat(exceptionFor(502, "{\"title\": \"Bad Gateway\", \"requestId\": \"r-1\"}", request).getMessage())
                .isEqualTo("the hub answered HTTP 502 (Bad Gateway) to GET /api/v1/config/docs/payment?version=9;"
                        + " check the hub's log for request r-1");
    }
}

package io.mcphub.cli.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.cli.common.CliException;
import io.mcphub.cli.common.ExitCodes;
import io.mcphub.cli.common.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.security.audit.AuditVerifier;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one verb that works without a hub: an auditor checks a copied audit file with the library itself, so the
 * verdict does not depend on trusting the hub whose log it is. Exit code 1 when the chain is broken, whatever -o.
 */
@Command(name = "verify", description = {"Check the audit trail's hash chain: on the hub, or offline in an audit file.",
        "Exit code 0 when intact, 1 when broken (the first bad line and event are named)."})
public final class AuditVerifyCommand extends AuditCommandBase {
    @Option(names = "--file", paramLabel = "PATH",
            description = "Verify this audit file (DATA_DIR/audit/audit.ndjson or a rotated copy) offline, without a hub.")
    Path file;

    @Override
    protected void execute() {
        JsonNode verdict = file != null ? offline(file) : audit().verify();
        print(verdict, AuditVerifyCommand::sentence);
        if (!verdict.path("ok").asBoolean(false)) {
            exitWith(ExitCodes.FAILED);
        }
    }

    /** The same shape as the hub's answer, plus the line, so -o json reads alike both ways. */
    static JsonNode offline(Path file) {
        AuditVerifier.Verification v;
        try {
            v = AuditVerifier.verifyFile(file);
        } catch (ProblemException e) {
            throw CliException.failed(e.detail());
        }
        ObjectNode verdict = Json.object().put("ok", v.ok()).put("events", v.events());
        if (v.ok()) {
            verdict.putNull("firstBad");
        } else {
            ObjectNode bad = verdict.putObject("firstBad");
            bad.put("sequence", v.firstBadSequence());
            if (v.firstBadLine() > 0) {
                bad.put("line", v.firstBadLine());
            }
            bad.put("reason", v.reason());
        }
        return verdict;
    }

    static String sentence(JsonNode verdict) {
        if (verdict.path("ok").asBoolean(false)) {
            return "audit chain OK: " + verdict.path("events").asLong() + " events";
        }
        // The verifier's reason already names the line and event ("line 7 (event 7): …").
        return "audit chain BROKEN: " + verdict.path("firstBad").path("reason").asText("no reason given");
    }
}

package io.mcphub.cli.command.policy;

import io.mcphub.cli.command.InputFiles;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apply", description = {"Create or replace the policies a file names; the others stay as they are.",
        "The file: policies: [{name, permissions: [VERB:TYPE[:SCOPE]], users: [...], groups: [...]}]."})
public final class PolicyApplyCommand extends PolicyCommandBase {
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "The policy file: .json is sent as JSON, anything else (and - for stdin) as YAML.")
    String file;

    @Override
    protected void execute() {
        String contentType = "json".equals(InputFiles.format(file)) ? "application/json" : "application/yaml";
        var answer = policies().apply(InputFiles.read(cli(), file), contentType, InputFiles.displayName(file));
        List<String> names = new ArrayList<>();
        answer.path("applied").forEach(n -> names.add(n.asText()));
        print(answer, a -> names.size() == 1 ? "applied policy " + names.getFirst()
                : "applied " + names.size() + " policies" + (names.isEmpty() ? "" : ": " + String.join(", ", names)));
    }
}

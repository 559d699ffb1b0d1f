package io.mcphub.cli.command.identity;

import io.mcphub.cli.output.Cells;
import picocli.CommandLine.Command;

@Command(name = "rotate",
        description = "Sign new access tokens with a new key; tokens signed with older keys stay valid until they expire.")
public final class KeysRotateCommand extends IdentityCommandBase {
    @Override
    protected void execute() {
        print(identity().rotateKeys(), answer -> "new signing key " + Cells.text(answer.path("kid"))
                + " is active; tokens signed with older keys stay valid until they expire");
    }
}

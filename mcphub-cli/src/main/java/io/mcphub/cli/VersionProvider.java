package io.mcphub.cli;

import io.mcphub.cli.common.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code mcphub --version}: ours first, then the Java it runs on (the launcher picks one, users ask which). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
                "mcphub " + Version.current(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")",
        };
    }
}

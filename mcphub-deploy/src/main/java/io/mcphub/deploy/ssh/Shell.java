package io.mcphub.deploy.ssh;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting for the command lines sent over SSH, which the remote user's shell parses. */
public final class Shell {

    private Shell() {}

    /** {@code it's} → {@code 'it'\''s'}: single quotes keep everything literal, so only the quote itself needs care. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> words) {
        return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}

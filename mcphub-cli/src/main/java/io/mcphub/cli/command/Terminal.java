package io.mcphub.cli.command;

import java.io.Console;
import java.lang.reflect.Method;

/** The terminal a person types into, for what must not echo or come from a script (passwords). */
public final class Terminal {
    private Terminal() {}

    /**
     * The console when there is a person at a terminal, else null. From Java 22 on System.console() is non-null
     * even when stdin is a pipe, and only isTerminal() tells; we compile for 21, so it is looked up at run time.
     */
    public static Console console() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console)) ? console : null;
        } catch (NoSuchMethodException java21) {
            return console;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}

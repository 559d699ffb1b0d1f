package io.mcphub.cli.output;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/** {@code -o table|json|yaml}: table is for people, json and yaml for scripts and pipes. */
public enum OutputFormat {
    TABLE, JSON, YAML;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Lower-case names in help and errors, any case accepted. */
    public static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an output format; use table, json or yaml");
            }
        }
    }

    /** For shell completion. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("table", "json", "yaml").iterator();
        }
    }
}

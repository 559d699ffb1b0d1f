package io.mcphub.deploy.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The line formats of {@code /proc} and {@code /etc} that the probes read. */
final class Text {

    /** A dotted version with an optional suffix: {@code 20.20.2}, {@code 25}, {@code 1.8.0_392}, {@code 20.10.24+dfsg1}. */
    static final Pattern VERSION = Pattern.compile("\\d+(?:\\.\\d+)*(?:[-+_][0-9A-Za-z][0-9A-Za-z.+_-]*)?");

    private Text() {}

    /**
     * {@code key : value} lines (cpuinfo, meminfo) or {@code KEY=value} lines (os-release), in order and with
     * repeats, since cpuinfo repeats its keys once per processor. Lines without the separator are skipped.
     */
    static List<Map.Entry<String, String>> pairs(String text, char separator) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String line : text.split("\n")) {
            int at = line.indexOf(separator);
            if (at > 0) {
                pairs.add(Map.entry(line.substring(0, at).trim(), line.substring(at + 1).trim()));
            }
        }
        return pairs;
    }

    /** The first value of each key. */
    static Map<String, String> firstValues(List<Map.Entry<String, String>> pairs) {
        Map<String, String> first = new LinkedHashMap<>();
        pairs.forEach(pair -> first.putIfAbsent(pair.getKey(), pair.getValue()));
        return first;
    }

    /** A shell-style value as os-release writes it: {@code "Debian GNU/Linux 12 (bookworm)"} or {@code 'x'} or bare. */
    static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }

    /** The first match of {@code pattern} in {@code text}: group 1 if the pattern has one, else the whole match. */
    static Optional<String> first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.groupCount() > 0 ? m.group(1) : m.group());
    }
}

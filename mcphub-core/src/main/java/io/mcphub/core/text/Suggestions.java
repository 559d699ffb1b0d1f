package io.mcphub.core.text;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean …?" for mistyped names: the closest known name within a small edit distance. */
public final class Suggestions {

    private Suggestions() {}

    public static Optional<String> closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Math.max(2, name.length() / 3) + 1;
        for (String candidate : known) {
            int d = distance(name, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code  (did you mean "x"?)} or nothing, ready to append to a sentence. */
    public static String hint(String name, Collection<String> known) {
        return closest(name, known).map(s -> " (did you mean \"" + s + "\"?)").orElse("");
    }

    /** Levenshtein distance, two rows. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

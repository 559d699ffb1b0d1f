package io.mcphub.security.audit;

import java.util.regex.Pattern;

/**
 * Whether text is an IPv4 or IPv6 address literal, checked without any name lookup. ECS maps {@code source.ip} as an
 * IP, and Elasticsearch rejects the whole document when it is not one, so anything doubtful goes elsewhere.
 */
final class IpLiteral {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern ZONE = Pattern.compile("%[\\w.-]+$");

    private IpLiteral() {}

    static boolean is(String text) {
        return IPV4.matcher(text).matches() || isIpv6(ZONE.matcher(text).replaceFirst(""));
    }

    /** Eight groups, or fewer around one {@code ::}; the last two may be written as an IPv4 address. */
    private static boolean isIpv6(String text) {
        String[] halves = text.split("::", -1);
        if (!text.contains(":") || halves.length > 2) {
            return false;
        }
        int groups = 0;
        for (int h = 0; h < halves.length; h++) {
            if (halves[h].isEmpty()) {
                continue;
            }
            String[] parts = halves[h].split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                boolean last = h == halves.length - 1 && i == parts.length - 1;
                if (last && IPV4.matcher(parts[i]).matches()) {
                    groups += 2;
                } else if (HEX_GROUP.matcher(parts[i]).matches()) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return halves.length == 2 ? groups <= 7 : groups == 8;
    }
}

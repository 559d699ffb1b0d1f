package io.mcphub.cli.command.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A point in time as people type it: ISO-8601 ({@code 2025-01-31T12:00:00Z}, {@code 2025-01-31} for midnight UTC),
 * or an age ({@code 15m}, {@code 2h}, {@code 7d}) meaning that long ago. Ages are turned into absolute times here,
 * so the hub only ever sees one kind of value and a query's window does not move while it runs.
 */
public final class TimeArgument implements CommandLine.ITypeConverter<Instant> {
    private static final Pattern AGE = Pattern.compile("(\\d{1,9})\\s*([smhdw])");

    @Override
    public Instant convert(String value) {
        try {
            return parse(value, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    static Instant parse(String value, Instant now) {
        String text = value.strip();
        Matcher age = AGE.matcher(text.toLowerCase(Locale.ROOT));
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            return now.minus(switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(7 * amount);
            }).truncatedTo(ChronoUnit.SECONDS);
        }
        String iso = text.toUpperCase(Locale.ROOT);
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notOffset) {
            // next form
        }
        try {
            return ZonedDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notZoned) {
            // next form
        }
        try {
            return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
            // next form
        }
        try {
            LocalDateTime.parse(iso);
            throw new IllegalArgumentException("'" + value + "' has no time zone; add Z for UTC or an offset such as +02:00");
        } catch (DateTimeParseException notLocal) {
            throw new IllegalArgumentException("'" + value + "' is not a time; give an age such as 15m, 2h, 7d,"
                    + " or ISO-8601 such as 2025-01-31T12:00:00Z");
        }
    }
}

package io.mcphub.cli.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --since/--until: what people type, turned into the absolute time the hub is sent. */
class TimeArgumentTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00.750Z");

    @ParameterizedTest
    @CsvSource({
            "15m,      2025-06-01T11:45:00Z",
            "2h,       2025-06-01T10:00:00Z",
            "7d,       2025-05-25T12:00:00Z",
            "1w,       2025-05-25T12:00:00Z",
            "90s,      2025-06-01T11:58:30Z",
            "' 2H ',   2025-06-01T10:00:00Z",
            "0m,       2025-06-01T12:00:00Z",
    })
    void agesMeanThatLongAgoToTheSecond(String typed, String expected) {
        assertThat(TimeArgument.parse(typed, NOW)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({
            "2025-01-31T12:00:00Z,              2025-01-31T12:00:00Z",
            "2025-01-31t12:00:00z,              2025-01-31T12:00:00Z",
            "2025-01-31T12:00:00.123Z,          2025-01-31T12:00:00.123Z",
            "2025-01-31T14:00:00+02:00,         2025-01-31T12:00:00Z",
            "2025-01-31T13:00:00+01:00[Europe/Paris], 2025-01-31T12:00:00Z",
            "2025-01-31,                        2025-01-31T00:00:00Z",
    })
    void isoTimesAreTakenAsWritten(String typed, String expected) {
        assertThat(TimeArgument.parse(typed, NOW)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void aTimeWithoutZoneIsRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> TimeArgument.parse("2025-01-31T12:00", NOW))
                .hasMessage("'2025-01-31T12:00' has no time zone; add Z for UTC or an offset such as +02:00");
    }

    @Test
    void anythingElseSaysWhatToType() {
        for (String bad : new String[] {"yesterday", "15", "m15", "15y", "-2h", ""}) {
            assertThatThrownBy(() -> TimeArgument.parse(bad, NOW)).as(bad)
                    .hasMessage("'" + bad + "' is not a time; give an age such as 15m, 2h, 7d, or ISO-8601 such as 2025-01-31T12:00:00Z");
        }
    }
}

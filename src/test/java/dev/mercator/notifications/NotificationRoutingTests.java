package dev.mercator.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.notifications.rules.DeliveryMode;
import dev.mercator.notifications.rules.QuietHours;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The pure parts of routing: quiet-hour ends and digest windows. */
class NotificationRoutingTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void quietHoursAcrossMidnightEndTheNextMorningInTheRulesZone() {
        QuietHours quiet = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), false);
        assertThat(quiet.endOfQuietAt(Instant.parse("2030-01-15T22:30:00Z"), BERLIN))
                .contains(Instant.parse("2030-01-16T06:00:00Z"));
        assertThat(quiet.endOfQuietAt(Instant.parse("2030-01-16T03:00:00Z"), BERLIN))
                .contains(Instant.parse("2030-01-16T06:00:00Z"));
        assertThat(quiet.endOfQuietAt(Instant.parse("2030-01-16T12:00:00Z"), BERLIN))
                .isEmpty();
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), false);
        assertThat(lunch.endOfQuietAt(Instant.parse("2030-01-16T11:30:00Z"), BERLIN))
                .contains(Instant.parse("2030-01-16T12:00:00Z"));
        assertThat(lunch.endOfQuietAt(Instant.parse("2030-01-16T12:30:00Z"), BERLIN))
                .isEmpty();
    }

    @Test
    void digestWindowsEndAtTheNextHourOrTheNextLocalMidnight() {
        Instant at = Instant.parse("2030-01-15T12:34:56Z");
        assertThat(DeliveryMode.IMMEDIATE.dueAfter(at, BERLIN)).isEqualTo(at);
        assertThat(DeliveryMode.DIGEST_HOURLY.dueAfter(at, BERLIN)).isEqualTo(Instant.parse("2030-01-15T13:00:00Z"));
        assertThat(DeliveryMode.DIGEST_DAILY.dueAfter(at, BERLIN)).isEqualTo(Instant.parse("2030-01-15T23:00:00Z"));
    }
}

package dev.mercator.notifications.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A daily period, in local time, when non-critical messages wait. Crosses midnight when {@code end} is before {@code
 * start} (22:00 to 07:00); a start equal to its end is no quiet period at all.
 *
 * @param holdCritical whether critical alerts wait too (by default they do not: stock or money is at risk now)
 */
public record QuietHours(LocalTime start, LocalTime end, boolean holdCritical) {

    /** When the quiet period that {@code at} falls in ends, or empty if {@code at} is not in one. */
    public Optional<Instant> endOfQuietAt(Instant at, ZoneId zone) {
        if (start.equals(end)) {
            return Optional.empty();
        }
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate date = local.toLocalDate();
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end)
                    ? Optional.of(ZonedDateTime.of(date, end, zone).toInstant())
                    : Optional.empty();
        }
        if (!time.isBefore(start)) {
            return Optional.of(ZonedDateTime.of(date.plusDays(1), end, zone).toInstant());
        }
        return time.isBefore(end)
                ? Optional.of(ZonedDateTime.of(date, end, zone).toInstant())
                : Optional.empty();
    }
}

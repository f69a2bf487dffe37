package dev.mercator.notifications.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a rule's messages leave: one by one as alerts open, or folded into an hourly or daily digest. */
public enum DeliveryMode {
    IMMEDIATE,
    DIGEST_HOURLY,
    DIGEST_DAILY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean digest() {
        return this != IMMEDIATE;
    }

    /**
     * When a message for an alert that opened at {@code at} is due: at once, or at the end of its digest window (the
     * next full hour; the next local midnight in the rule's zone). Every alert of one window gets the same instant, so
     * they come due together and fold into one message.
     */
    public Instant dueAfter(Instant at, ZoneId zone) {
        return switch (this) {
            case IMMEDIATE -> at;
            case DIGEST_HOURLY -> at.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
            case DIGEST_DAILY ->
                at.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        };
    }

    public static Optional<DeliveryMode> find(String id) {
        return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst();
    }
}

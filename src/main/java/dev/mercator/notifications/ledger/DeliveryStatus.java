package dev.mercator.notifications.ledger;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The states of a delivery (ADR 21). {@code pending} and {@code held} wait for their next attempt time ({@code held}:
 * for quiet hours to end or a digest window to close); {@code sending} is claimed under a lease; {@code sent} was
 * accepted and awaits the provider's receipt; {@code delivered}, {@code failed}, {@code dead} and {@code suppressed}
 * (over the daily cap) are final until a resend; {@code folded} rows ride in a digest led by another row.
 */
public enum DeliveryStatus {
    PENDING,
    HELD,
    SENDING,
    SENT,
    DELIVERED,
    FAILED,
    DEAD,
    SUPPRESSED,
    FOLDED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> find(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }
}

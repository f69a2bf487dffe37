package dev.mercator.notifications.channel;

/**
 * A rate a channel keeps to without being told: at most {@code perSecond} sends on {@code bucket}, across every
 * instance, starting with at most {@code burst} at once. Paces come from the provider's published limits (less a
 * margin), so a storm of alerts is spread out before it earns a 429 rather than after.
 *
 * @param bucket what the limit is counted on, named like the channel's {@link RateHold}s ({@code telegram:bot:123})
 */
public record Pace(String bucket, double perSecond, int burst) {

    public Pace {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a pace needs a positive rate and a burst of at least 1");
        }
    }

    /** {@code count} sends per {@code seconds}, less {@code margin} of the rate, one at a time. */
    public static Pace of(String bucket, double count, double seconds, double margin) {
        return new Pace(bucket, count / seconds * (1 - margin), 1);
    }
}

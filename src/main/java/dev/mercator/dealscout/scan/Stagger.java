package dev.mercator.dealscout.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * When a scan runs. Each scan has a fixed phase from a hash of its id and runs at phase + k × interval, so scans with
 * the same interval fall on different seconds instead of all at the top of the minute, and a scan keeps its phase
 * across restarts and instances. The first run comes within a minute of creation, on the scan's own second.
 */
final class Stagger {

    /** A week of seconds: phases are spread over the longest interval a scan may have. */
    static final long SPREAD_SECONDS = Duration.ofDays(7).toSeconds();

    private Stagger() {}

    /** The scan's phase, in seconds, from its id. */
    static int of(UUID scan) {
        long mixed = scan.getMostSignificantBits() * 0x9E3779B97F4A7C15L ^ scan.getLeastSignificantBits();
        return (int) Math.floorMod(mixed ^ (mixed >>> 29), SPREAD_SECONDS);
    }

    /** The first slot of {@code interval} on the scan's phase strictly after {@code after}. */
    static Instant next(Instant after, Duration interval, int stagger) {
        long every = Math.max(1, interval.toSeconds());
        long phase = Math.floorMod(stagger, every);
        long k = Math.floorDiv(after.getEpochSecond() - phase, every) + 1;
        return Instant.ofEpochSecond(k * every + phase);
    }

    /** A new scan's first run: within a minute, on the scan's second of the minute. */
    static Instant first(Instant now, int stagger) {
        return next(now, Duration.ofMinutes(1), stagger);
    }
}

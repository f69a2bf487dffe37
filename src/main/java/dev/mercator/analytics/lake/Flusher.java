package dev.mercator.analytics.lake;

import dev.mercator.platform.work.PeriodicWorker;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Writes journaled events into the lake in the background, one Parquet file per merchant and UTC date of the events
 * in each pass, and now and then sweeps away files a crash left unlisted ({@link FlushPass#sweep}). Off with {@code
 * mercator.analytics.lake.flusher-enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "mercator.analytics.lake.flusher-enabled", havingValue = "true", matchIfMissing = true)
class Flusher extends PeriodicWorker {

    private final FlushPass pass;
    private final LakeSettings settings;
    private final Clock clock;
    private @Nullable Instant lastSweep;

    Flusher(FlushPass pass, LakeSettings settings, Clock clock) {
        super("analytics-flusher", settings.tick());
        this.pass = pass;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void runOnce() {
        pass.run();
        Instant now = clock.instant();
        if (lastSweep == null || !now.isBefore(lastSweep.plus(settings.sweepEvery()))) {
            lastSweep = now;
            pass.sweep();
        }
    }

    /** A path as a SQL string literal. */
    static String literal(String text) {
        return text.replace("'", "''");
    }
}

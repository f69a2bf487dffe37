package dev.mercator.analytics.lake;

import dev.mercator.platform.work.PeriodicWorker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Writes journaled events into the lake in the background, one Parquet file per merchant and UTC date of the events
 * in each pass. Off with {@code mercator.analytics.lake.flusher-enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "mercator.analytics.lake.flusher-enabled", havingValue = "true", matchIfMissing = true)
class Flusher extends PeriodicWorker {

    private final FlushPass pass;

    Flusher(FlushPass pass, LakeSettings settings) {
        super("analytics-flusher", settings.tick());
        this.pass = pass;
    }

    @Override
    protected void runOnce() {
        pass.run();
    }

    /** A path as a SQL string literal. */
    static String literal(String text) {
        return text.replace("'", "''");
    }
}

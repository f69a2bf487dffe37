package dev.mercator.analytics.metrics;

import java.util.Locale;

/** How figures are bucketed: by local day, ISO week (from Monday) or month. */
enum Granularity {
    DAY,
    WEEK,
    MONTH;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

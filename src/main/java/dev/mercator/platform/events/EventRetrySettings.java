package dev.mercator.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed event publications are retried.
 *
 * @param every how often the failed publications are looked for
 * @param minAge how long a publication stays failed before it is retried (so a listener failing on an overloaded
 *     database is not hammered at once)
 * @param batchSize how many failed publications one pass resubmits
 */
@ConfigurationProperties("mercator.events.retry")
record EventRetrySettings(
        @DefaultValue("30s") Duration every,
        @DefaultValue("10s") Duration minAge,
        @DefaultValue("200") int batchSize) {

    EventRetrySettings {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("mercator.events.retry.every must be positive");
        }
        if (minAge.isNegative()) {
            throw new IllegalArgumentException("mercator.events.retry.min-age must not be negative");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("mercator.events.retry.batch-size must be at least 1");
        }
    }
}

package dev.mercator.marketplaces.settings;

import dev.mercator.marketplaces.Marketplace;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Marketplace access settings. Their keys stay under {@code mercator.catalog.*}, where they were before marketplace
 * access left the catalog (ADR 11), so no installation's configuration breaks; application.yml names the environment
 * variable of each.
 *
 * @param providers limits per marketplace (keys {@code amazon}, {@code aliexpress}, {@code ebay}); a marketplace
 *     without an entry uses {@link Limits#DEFAULT}
 */
@ConfigurationProperties("mercator.catalog")
public record MarketplaceSettings(Map<Marketplace, Limits> providers, Resilience resilience, Affiliate affiliate) {

    public MarketplaceSettings {
        // Spring binds an absent section as null; every section has defaults.
        providers = providers == null ? Map.of() : Map.copyOf(providers);
        resilience = resilience == null
                ? new Resilience(
                        3,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(30),
                        5,
                        Duration.ofSeconds(30))
                : resilience;
        affiliate = affiliate == null ? new Affiliate(null, null, null) : affiliate;
    }

    public Limits limits(Marketplace marketplace) {
        return providers.getOrDefault(marketplace, Limits.DEFAULT);
    }

    /**
     * One marketplace's limits.
     *
     * @param ratePerSecond token-bucket refill rate, shared by all instances through the database
     * @param burst token-bucket capacity
     * @param dailyQuota calls per UTC day; interactive searches may use all of it
     * @param backgroundShare the fraction of the daily quota background refreshes may use, so searches keep the rest
     */
    public record Limits(double ratePerSecond, int burst, long dailyQuota, double backgroundShare) {

        public static final Limits DEFAULT = new Limits(1, 5, 8640, 0.5);

        public Limits {
            if (ratePerSecond <= 0 || burst < 1 || dailyQuota < 1 || backgroundShare < 0 || backgroundShare > 1) {
                throw new IllegalArgumentException(
                        "mercator.catalog.providers.*: rate-per-second and daily-quota must be positive, burst at"
                                + " least 1, background-share between 0 and 1");
            }
        }
    }

    /**
     * Retries and breaker.
     *
     * @param attempts attempts per call (first one included) for transient and rate-limited failures
     * @param backoffBase first retry waits up to this (full jitter), doubling each attempt
     * @param backoffMax cap of one backoff wait
     * @param maxRateWait longest an interactive call waits for a token or a Retry-After before failing as rate-limited
     * @param maxBackgroundRateWait the same for background refreshes
     * @param breakerFailures consecutive failed attempts (each retry is one) that open a provider's circuit
     * @param breakerOpenFor how long an open circuit refuses calls before the background probe tries the marketplace
     *     (callers are refused until the probe has closed it)
     */
    public record Resilience(
            @DefaultValue("3") int attempts,
            @DefaultValue("200ms") Duration backoffBase,
            @DefaultValue("5s") Duration backoffMax,
            @DefaultValue("2s") Duration maxRateWait,
            @DefaultValue("30s") Duration maxBackgroundRateWait,
            @DefaultValue("5") int breakerFailures,
            @DefaultValue("30s") Duration breakerOpenFor) {

        public Resilience {
            attempts = attempts <= 0 ? 3 : attempts;
            backoffBase = backoffBase == null ? Duration.ofMillis(200) : backoffBase;
            backoffMax = backoffMax == null ? Duration.ofSeconds(5) : backoffMax;
            maxRateWait = maxRateWait == null ? Duration.ofSeconds(2) : maxRateWait;
            maxBackgroundRateWait = maxBackgroundRateWait == null ? Duration.ofSeconds(30) : maxBackgroundRateWait;
            breakerFailures = breakerFailures <= 0 ? 5 : breakerFailures;
            breakerOpenFor = breakerOpenFor == null ? Duration.ofSeconds(30) : breakerOpenFor;
        }
    }

    /** Instance-wide affiliate tags, used when a merchant has none of its own in the vault. */
    public record Affiliate(
            @Nullable String amazonTag,
            @Nullable String aliexpressTrackingId,
            @Nullable String ebayCampaignId) {

        public Affiliate {
            amazonTag = blankToNull(amazonTag);
            aliexpressTrackingId = blankToNull(aliexpressTrackingId);
            ebayCampaignId = blankToNull(ebayCampaignId);
        }

        public @Nullable String tag(Marketplace marketplace) {
            return switch (marketplace) {
                case AMAZON -> amazonTag;
                case ALIEXPRESS -> aliexpressTrackingId;
                case EBAY -> ebayCampaignId;
            };
        }

        private static @Nullable String blankToNull(@Nullable String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}

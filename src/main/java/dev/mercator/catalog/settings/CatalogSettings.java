package dev.mercator.catalog.settings;

import dev.mercator.catalog.Marketplace;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Catalog settings ({@code mercator.catalog.*}); application.yml names the environment variable of each.
 *
 * @param providers limits per marketplace (keys {@code amazon}, {@code aliexpress}, {@code ebay}); a marketplace
 *     without an entry uses {@link Limits#DEFAULT}
 */
@ConfigurationProperties("mercator.catalog")
public record CatalogSettings(
        Map<Marketplace, Limits> providers,
        Resilience resilience,
        Cache cache,
        Search search,
        Affiliate affiliate,
        Refresh refresh) {

    public CatalogSettings {
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
        cache = cache == null
                ? new Cache(
                        10_000, Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(24), Duration.ofMinutes(2))
                : cache;
        search = search == null ? new Search(Duration.ofSeconds(5), 50, 50, 0.5, 10) : search;
        affiliate = affiliate == null ? new Affiliate(null, null, null) : affiliate;
        refresh = refresh == null ? new Refresh(true, Duration.ofMinutes(15), Duration.ofHours(1), 50) : refresh;
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
     * @param attempts attempts per call for transient failures (first one included)
     * @param backoffBase first retry waits up to this (full jitter), doubling each attempt
     * @param backoffMax cap of one backoff wait
     * @param maxRateWait longest an interactive call waits for a token or a Retry-After before failing as rate-limited
     * @param maxBackgroundRateWait the same for background refreshes
     * @param breakerFailures consecutive failed calls that open a provider's circuit
     * @param breakerOpenFor how long an open circuit refuses calls before letting one trial call through
     */
    public record Resilience(
            int attempts,
            Duration backoffBase,
            Duration backoffMax,
            Duration maxRateWait,
            Duration maxBackgroundRateWait,
            int breakerFailures,
            Duration breakerOpenFor) {

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

    /**
     * Result cache.
     *
     * @param maxEntries bound of the in-process cache (W-TinyLFU eviction)
     * @param softTtl after this a cached result is still served, and refreshed in the background
     * @param hardTtl after this a cached result is served only while its provider is failing
     * @param retain how long results are kept at all (the stale fallback's horizon)
     * @param negativeTtl how long an empty result is cached
     */
    public record Cache(long maxEntries, Duration softTtl, Duration hardTtl, Duration retain, Duration negativeTtl) {

        public Cache {
            maxEntries = maxEntries <= 0 ? 10_000 : maxEntries;
            softTtl = softTtl == null ? Duration.ofMinutes(5) : softTtl;
            hardTtl = hardTtl == null ? Duration.ofHours(1) : hardTtl;
            retain = retain == null ? Duration.ofHours(24) : retain;
            negativeTtl = negativeTtl == null ? Duration.ofMinutes(2) : negativeTtl;
        }
    }

    /**
     * Search.
     *
     * @param deadline overall time a search waits for its providers; late ones are answered from the cache or named as
     *     failed
     * @param fetchSize products asked of each provider per search (merged and paged locally)
     * @param maxPageSize largest page a client may ask for
     * @param rejectWarnRatio a provider batch with at least this share of rejected products raises a data-quality warning
     * @param rejectWarnMinimum ...when the batch has at least this many products
     */
    public record Search(
            Duration deadline, int fetchSize, int maxPageSize, double rejectWarnRatio, int rejectWarnMinimum) {

        public Search {
            deadline = deadline == null ? Duration.ofSeconds(5) : deadline;
            fetchSize = fetchSize <= 0 ? 50 : fetchSize;
            maxPageSize = maxPageSize <= 0 ? 50 : maxPageSize;
            rejectWarnRatio = rejectWarnRatio <= 0 ? 0.5 : rejectWarnRatio;
            rejectWarnMinimum = rejectWarnMinimum <= 0 ? 10 : rejectWarnMinimum;
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

    /**
     * Refreshing imported (tracked) products in the background lane.
     *
     * @param enabled whether the refresh worker runs
     * @param interval pause between refresh runs
     * @param staleAfter a price older than this is refreshed (and shown with its "as of" time)
     * @param batchSize products refreshed per run at most
     */
    public record Refresh(boolean enabled, Duration interval, Duration staleAfter, int batchSize) {

        public Refresh {
            interval = interval == null ? Duration.ofMinutes(15) : interval;
            staleAfter = staleAfter == null ? Duration.ofHours(1) : staleAfter;
            batchSize = batchSize <= 0 ? 50 : batchSize;
        }
    }
}

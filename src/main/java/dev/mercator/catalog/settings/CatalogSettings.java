package dev.mercator.catalog.settings;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Catalog settings ({@code mercator.catalog.*}): the result cache, search and the refresh of imported products; the
 * marketplace limits, retries, breakers and affiliate tags under the same prefix belong to the marketplaces module
 * ({@code MarketplaceSettings}). application.yml names the environment variable of each.
 */
@ConfigurationProperties("mercator.catalog")
public record CatalogSettings(Cache cache, Search search, Refresh refresh) {

    public CatalogSettings {
        // Spring binds an absent section as null; every section has defaults.
        cache = cache == null
                ? new Cache(
                        10_000, Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(24), Duration.ofMinutes(2))
                : cache;
        search = search == null ? new Search(Duration.ofSeconds(5), 50, 50, 0.5, 10) : search;
        refresh = refresh == null ? new Refresh(true, Duration.ofMinutes(15), Duration.ofHours(1), 50) : refresh;
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
    public record Cache(
            @DefaultValue("10000") long maxEntries,
            @DefaultValue("5m") Duration softTtl,
            @DefaultValue("1h") Duration hardTtl,
            @DefaultValue("24h") Duration retain,
            @DefaultValue("2m") Duration negativeTtl) {

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
            @DefaultValue("5s") Duration deadline,
            @DefaultValue("50") int fetchSize,
            @DefaultValue("50") int maxPageSize,
            @DefaultValue("0.5") double rejectWarnRatio,
            @DefaultValue("10") int rejectWarnMinimum) {

        public Search {
            deadline = deadline == null ? Duration.ofSeconds(5) : deadline;
            fetchSize = fetchSize <= 0 ? 50 : fetchSize;
            maxPageSize = maxPageSize <= 0 ? 50 : maxPageSize;
            rejectWarnRatio = rejectWarnRatio <= 0 ? 0.5 : rejectWarnRatio;
            rejectWarnMinimum = rejectWarnMinimum <= 0 ? 10 : rejectWarnMinimum;
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
    public record Refresh(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("15m") Duration interval,
            @DefaultValue("1h") Duration staleAfter,
            @DefaultValue("50") int batchSize) {

        public Refresh {
            interval = interval == null ? Duration.ofMinutes(15) : interval;
            staleAfter = staleAfter == null ? Duration.ofHours(1) : staleAfter;
            batchSize = batchSize <= 0 ? 50 : batchSize;
        }
    }
}

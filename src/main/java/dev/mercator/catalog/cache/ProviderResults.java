package dev.mercator.catalog.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mercator.catalog.settings.CatalogSettings;
import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.marketplaces.SourceQuery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Per-provider search results, cached by (provider, query): Caffeine in process (bounded, W-TinyLFU), then the shared
 * store (Redis when configured). Product data is shared by merchants, affiliate links are not: pages are cached
 * without them, and the caller applies its own links afterwards.
 *
 * <p>Fresh until the soft TTL; until the hard TTL a result is still served and refreshed in the background; after that
 * it is served (marked stale) only when the provider fails. Empty answers are cached for the negative TTL. Identical
 * concurrent misses share one upstream call.
 */
@Component
public class ProviderResults implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProviderResults.class);

    /** The provider call behind a cache miss, on the lane it is made for. */
    @FunctionalInterface
    public interface Upstream {
        SourcePage fetch(Lane lane) throws SourceFailure;
    }

    /** How a lookup was answered, as counted in {@code mercator.catalog.cache{result}}. */
    private enum Outcome {
        FRESH,
        REVALIDATE,
        MISS,
        STALE;

        private final String tag = name().toLowerCase(Locale.ROOT);
    }

    /**
     * An L1 entry: the page, with its TTL deadlines in epoch milliseconds and its fresh answer made once, so that a
     * fresh hit (the common case) compares two longs and allocates nothing.
     */
    private record Entry(CachedPage page, long freshUntil, long revalidateUntil, CachedResult fresh) {}

    private final CatalogSettings.Cache settings;
    private final SharedResultStore shared;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Cache<String, Entry> local;
    private final ConcurrentHashMap<String, CompletableFuture<CachedPage>> inFlight = new ConcurrentHashMap<>();
    /** By marketplace and outcome ordinal; registered on first use, a registry lookup per hit cost more than the hit. */
    private final Counter[][] counters = new Counter[Marketplace.values().length][Outcome.values().length];

    private final ExecutorService refreshes = Executors.newVirtualThreadPerTaskExecutor();

    ProviderResults(CatalogSettings settings, SharedResultStore shared, Clock clock, MeterRegistry meters) {
        this.settings = settings.cache();
        this.shared = shared;
        this.clock = clock;
        this.meters = meters;
        this.local = Caffeine.newBuilder()
                .maximumSize(this.settings.maxEntries())
                .expireAfterWrite(this.settings.retain())
                .recordStats()
                .build();
    }

    /** A one-off lookup; a search of several marketplaces derives its {@link SearchKey} once and passes that. */
    public CachedResult search(Marketplace marketplace, SourceQuery query, Upstream upstream) throws SourceFailure {
        return search(marketplace, SearchKey.of(query), upstream);
    }

    public CachedResult search(Marketplace marketplace, SearchKey query, Upstream upstream) throws SourceFailure {
        String key = query.on(marketplace);
        Entry cached = read(key);
        if (cached != null) {
            long now = clock.millis();
            if (now < cached.freshUntil()) {
                count(marketplace, Outcome.FRESH);
                return cached.fresh();
            }
            if (now < cached.revalidateUntil()) {
                count(marketplace, Outcome.REVALIDATE);
                refreshInBackground(marketplace, key, upstream);
                return cached.fresh();
            }
        }
        count(marketplace, Outcome.MISS);
        try {
            CachedPage page = fetch(key, upstream, Lane.INTERACTIVE);
            return new CachedResult(page, false, page.fetchedAt(), null);
        } catch (SourceFailure failure) {
            if (cached != null) {
                count(marketplace, Outcome.STALE);
                return new CachedResult(cached.page(), true, cached.page().fetchedAt(), failure);
            }
            throw failure;
        }
    }

    /** The cached answer for a query however old, for a provider that failed or missed the search deadline. */
    public @Nullable CachedPage peek(Marketplace marketplace, SearchKey query) {
        Entry cached = read(query.on(marketplace));
        return cached == null ? null : cached.page();
    }

    private CachedPage fetch(String key, Upstream upstream, Lane lane) throws SourceFailure {
        CompletableFuture<CachedPage> mine = new CompletableFuture<>();
        CompletableFuture<CachedPage> leader = inFlight.putIfAbsent(key, mine);
        if (leader != null) {
            return await(leader);
        }
        try {
            // A call that finished just before this one became leader has already stored a fresh answer.
            Entry just = local.getIfPresent(key);
            if (just != null && lane == Lane.INTERACTIVE && clock.millis() < just.freshUntil()) {
                mine.complete(just.page());
                return just.page();
            }
            SourcePage page = upstream.fetch(lane);
            CachedPage fetched = new CachedPage(
                    page.products().stream().map(ProviderResults::withoutLinks).toList(),
                    page.totalResults(),
                    page.hasMore(),
                    clock.instant());
            local.put(key, entry(fetched));
            shared.put(key, fetched, settings.retain());
            mine.complete(fetched);
            return fetched;
        } catch (SourceFailure | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static CachedPage await(CompletableFuture<CachedPage> leader) throws SourceFailure {
        try {
            return leader.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an identical search", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SourceFailure failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void refreshInBackground(Marketplace marketplace, String key, Upstream upstream) {
        if (inFlight.containsKey(key)) {
            return;
        }
        refreshes.execute(() -> {
            try {
                fetch(key, upstream, Lane.BACKGROUND);
            } catch (SourceFailure | RuntimeException e) {
                log.info(
                        "Background refresh of a cached {} search failed; the cached answer stays: {}",
                        marketplace.id(),
                        e.getMessage());
            }
        });
    }

    private @Nullable Entry read(String key) {
        Entry cached = local.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        CachedPage remote = shared.get(key).orElse(null);
        if (remote == null) {
            return null;
        }
        Entry entry = entry(remote);
        local.put(key, entry);
        return entry;
    }

    private Entry entry(CachedPage page) {
        long fetched = page.fetchedAt().toEpochMilli();
        return new Entry(
                page,
                fetched + softTtl(page).toMillis(),
                fetched + hardTtl(page).toMillis(),
                new CachedResult(page, false, page.fetchedAt(), null));
    }

    private Duration softTtl(CachedPage page) {
        return page.empty() ? settings.negativeTtl() : settings.softTtl();
    }

    private Duration hardTtl(CachedPage page) {
        return page.empty() ? settings.negativeTtl() : settings.hardTtl();
    }

    /** Drops the in-process level (tests use it to show the shared level answering). */
    void clearLocal() {
        local.invalidateAll();
    }

    /** The cache key of a query on a marketplace, as {@link SearchKey} derives it. */
    static String key(Marketplace marketplace, SourceQuery query) {
        return SearchKey.of(query).on(marketplace);
    }

    private static RawProduct withoutLinks(RawProduct p) {
        return p.withAffiliateUrl(null);
    }

    // Arrays indexed by ordinal: the lookup on every cache hit allocates and hashes nothing.
    @SuppressWarnings("EnumOrdinal")
    private void count(Marketplace marketplace, Outcome outcome) {
        Counter counter = counters[marketplace.ordinal()][outcome.ordinal()];
        if (counter == null) {
            // A race registers the same meter twice, and the registry hands back the one it has: harmless.
            counter = Counter.builder("mercator.catalog.cache")
                    .tag("marketplace", marketplace.id())
                    .tag("result", outcome.tag)
                    .register(meters);
            counters[marketplace.ordinal()][outcome.ordinal()] = counter;
        }
        counter.increment();
    }

    @Override
    public void destroy() {
        refreshes.shutdownNow();
    }
}

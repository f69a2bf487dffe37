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
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
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

    private final CatalogSettings.Cache settings;
    private final SharedResultStore shared;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Cache<String, CachedPage> local;
    private final ConcurrentHashMap<String, CompletableFuture<CachedPage>> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Marketplace, ConcurrentHashMap<String, Counter>> counters =
            new ConcurrentHashMap<>();
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

    public CachedResult search(Marketplace marketplace, SourceQuery query, Upstream upstream) throws SourceFailure {
        String key = key(marketplace, query);
        CachedPage cached = read(key);
        Instant now = clock.instant();
        if (cached != null) {
            Duration age = Duration.between(cached.fetchedAt(), now);
            if (age.compareTo(softTtl(cached)) < 0) {
                count(marketplace, "fresh");
                return new CachedResult(cached, false, cached.fetchedAt(), null);
            }
            if (age.compareTo(hardTtl(cached)) < 0) {
                count(marketplace, "revalidate");
                refreshInBackground(marketplace, key, upstream);
                return new CachedResult(cached, false, cached.fetchedAt(), null);
            }
        }
        count(marketplace, "miss");
        try {
            CachedPage page = fetch(key, upstream, Lane.INTERACTIVE);
            return new CachedResult(page, false, page.fetchedAt(), null);
        } catch (SourceFailure failure) {
            if (cached != null) {
                count(marketplace, "stale");
                return new CachedResult(cached, true, cached.fetchedAt(), failure);
            }
            throw failure;
        }
    }

    /** The cached answer for a query however old, for a provider that failed or missed the search deadline. */
    public @Nullable CachedPage peek(Marketplace marketplace, SourceQuery query) {
        return read(key(marketplace, query));
    }

    private CachedPage fetch(String key, Upstream upstream, Lane lane) throws SourceFailure {
        CompletableFuture<CachedPage> mine = new CompletableFuture<>();
        CompletableFuture<CachedPage> leader = inFlight.putIfAbsent(key, mine);
        if (leader != null) {
            return await(leader);
        }
        try {
            // A call that finished just before this one became leader has already stored a fresh answer.
            CachedPage just = local.getIfPresent(key);
            if (just != null
                    && lane == Lane.INTERACTIVE
                    && Duration.between(just.fetchedAt(), clock.instant()).compareTo(softTtl(just)) < 0) {
                mine.complete(just);
                return just;
            }
            SourcePage page = upstream.fetch(lane);
            CachedPage fetched = new CachedPage(
                    page.products().stream().map(ProviderResults::withoutLinks).toList(),
                    page.totalResults(),
                    page.hasMore(),
                    clock.instant());
            local.put(key, fetched);
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

    private @Nullable CachedPage read(String key) {
        CachedPage cached = local.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        CachedPage remote = shared.get(key).orElse(null);
        if (remote != null) {
            local.put(key, remote);
        }
        return remote;
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

    /**
     * The cache key: keywords lower-cased with whitespace runs collapsed, then the paging and filters. Built by hand
     * because it runs on every lookup: a regex here cost several times the Caffeine lookup itself (cache lookup
     * benchmark).
     */
    static String key(Marketplace marketplace, SourceQuery query) {
        String keywords = query.keywords().strip();
        StringBuilder key = new StringBuilder(marketplace.id().length() + keywords.length() + 24)
                .append(marketplace.id())
                .append('|');
        boolean space = false;
        for (int i = 0; i < keywords.length(); i++) {
            char c = keywords.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space) {
                key.append(' ');
                space = false;
            }
            key.append(Character.toLowerCase(c));
        }
        key.append('|')
                .append(query.page())
                .append('|')
                .append(query.pageSize())
                .append('|');
        key.append(plain(query.minPrice()))
                .append('|')
                .append(plain(query.maxPrice()))
                .append('|');
        if (query.currency() != null) {
            key.append(query.currency().toUpperCase(Locale.ROOT));
        }
        return key.toString();
    }

    private static String plain(@Nullable BigDecimal amount) {
        return amount == null ? "" : amount.stripTrailingZeros().toPlainString();
    }

    private static RawProduct withoutLinks(RawProduct p) {
        return p.withAffiliateUrl(null);
    }

    private void count(Marketplace marketplace, String result) {
        // Registered once per marketplace and result: a registry lookup on every hit cost more than the hit.
        Map<String, Counter> byResult = counters.get(marketplace);
        Counter counter = byResult == null ? null : byResult.get(result);
        if (counter == null) {
            counter = counters.computeIfAbsent(marketplace, m -> new ConcurrentHashMap<>())
                    .computeIfAbsent(
                            result,
                            r -> Counter.builder("mercator.catalog.cache")
                                    .tag("marketplace", marketplace.id())
                                    .tag("result", r)
                                    .register(meters));
        }
        counter.increment();
    }

    @Override
    public void destroy() {
        refreshes.shutdownNow();
    }
}

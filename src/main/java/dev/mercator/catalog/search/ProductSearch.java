package dev.mercator.catalog.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mercator.catalog.affiliate.OfferLinks;
import dev.mercator.catalog.cache.CachedPage;
import dev.mercator.catalog.cache.CachedResult;
import dev.mercator.catalog.cache.ProviderResults;
import dev.mercator.catalog.cache.SearchKey;
import dev.mercator.catalog.product.CatalogProduct;
import dev.mercator.catalog.product.ProductMerger;
import dev.mercator.catalog.product.ProductValidation;
import dev.mercator.catalog.product.ValidProduct;
import dev.mercator.catalog.settings.CatalogSettings;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.Marketplaces;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.platform.MerchantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One search over the chosen marketplaces: each is asked in parallel (through the cache and the resilience layer) under
 * one overall deadline; answers are validated, given the caller's affiliate links, merged across marketplaces, ranked
 * and paged. A failed or late provider is answered from the cache (marked stale) or named as failed; it never fails
 * the search.
 */
@Component
class ProductSearch implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProductSearch.class);

    private final Marketplaces marketplaces;
    private final ProviderResults results;
    private final OfferLinks links;
    private final ProductMerger merger;
    private final CatalogSettings.Search settings;
    private final MeterRegistry meters;
    private final ExecutorService fanOut = Executors.newVirtualThreadPerTaskExecutor();
    /** Per marketplace, the usual share of rejected products (moving average over batches big enough to judge). */
    private final Map<Marketplace, Double> rejectBaseline = new java.util.concurrent.ConcurrentHashMap<>();

    /** A batch whose reject share is this far above the usual one is a sudden rise. */
    static final double SUDDEN_RISE = 0.25;

    /**
     * Each page validated once, not on every search that shows it: keyed by identity (weak keys), so a page the cache
     * replaces is validated afresh and its screening is dropped with it. Rejects are counted and logged, and the data
     * quality judged, once per page a marketplace sent rather than once per search of it.
     */
    private final Cache<CachedPage, Screened> screened;

    ProductSearch(
            Marketplaces marketplaces,
            ProviderResults results,
            OfferLinks links,
            CatalogSettings settings,
            MeterRegistry meters,
            Clock clock) {
        this.marketplaces = marketplaces;
        this.results = results;
        this.links = links;
        this.merger = new ProductMerger(clock);
        this.settings = settings.search();
        this.meters = meters;
        this.screened = Caffeine.newBuilder()
                .weakKeys()
                .maximumSize(settings.cache().maxEntries())
                .build();
    }

    CatalogSettings.Search settings() {
        return settings;
    }

    Set<Marketplace> available() {
        return marketplaces.available();
    }

    SearchResult search(MerchantId merchant, SearchRequest request) {
        Set<Marketplace> available = marketplaces.available();
        SourceQuery query = new SourceQuery(
                request.keywords(),
                1,
                settings.fetchSize(),
                request.minPrice(),
                request.maxPrice(),
                request.currency());
        // Normalised once for all marketplaces: it costs more than the cache lookups it keys.
        SearchKey key = SearchKey.of(query);
        Map<Marketplace, Future<Part>> pending = new EnumMap<>(Marketplace.class);
        for (Marketplace marketplace : request.providers()) {
            if (available.contains(marketplace)) {
                pending.put(marketplace, fanOut.submit(() -> ask(merchant, marketplace, key)));
            }
        }
        long deadline = System.nanoTime() + settings.deadline().toNanos();
        List<SearchResult.ProviderOutcome> outcomes = new ArrayList<>();
        List<List<ValidProduct>> perProvider = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Instant oldestStale = null;
        for (Map.Entry<Marketplace, Future<Part>> entry : pending.entrySet()) {
            Marketplace marketplace = entry.getKey();
            Part part = await(marketplace, entry.getValue(), deadline, merchant, key);
            outcomes.add(part.outcome());
            perProvider.add(part.products());
            if (part.outcome().status().equals("failed")) {
                failed.add(marketplace.id());
            }
            if (part.outcome().status().equals("stale")) {
                Instant asOf = part.outcome().asOf();
                if (asOf != null && (oldestStale == null || asOf.isBefore(oldestStale))) {
                    oldestStale = asOf;
                }
            }
        }
        List<CatalogProduct> merged = merger.merge(interleave(perProvider)).stream()
                .filter(p -> inRange(p, request))
                .toList();
        List<CatalogProduct> ranked = rank(merged, request);
        int from = Math.min(ranked.size(), (request.page() - 1) * request.size());
        int to = Math.min(ranked.size(), from + request.size());
        return new SearchResult(
                request.keywords(),
                request.sort().name().toLowerCase(Locale.ROOT),
                request.page(),
                request.size(),
                ranked.size(),
                oldestStale != null,
                oldestStale,
                failed,
                outcomes,
                ranked.subList(from, to));
    }

    /** One provider's part: the cached or fresh page, validated and linked for this merchant. */
    private Part ask(MerchantId merchant, Marketplace marketplace, SearchKey key) throws SourceFailure {
        SourceAccount account = marketplaces.account(merchant, marketplace);
        CachedResult result =
                results.search(marketplace, key, lane -> marketplaces.search(marketplace, key.query(), account, lane));
        SourceFailure failure = result.failure();
        return validate(
                marketplace,
                result.page(),
                account,
                result.stale() ? "stale" : "ok",
                result.asOf(),
                failure == null ? null : describe(failure));
    }

    private Part await(
            Marketplace marketplace, Future<Part> future, long deadline, MerchantId merchant, SearchKey key) {
        String error;
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            // The call carries on and fills the cache for the next search; this one uses what is cached.
            error = "no answer within " + settings.deadline().toMillis() + " ms";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            error = cause instanceof SourceFailure failure
                    ? describe(failure)
                    : "unexpected "
                            + (cause == null ? "error" : cause.getClass().getSimpleName());
            log.warn("Search on {} failed: {}", marketplace.id(), error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        CachedPage cached = results.peek(marketplace, key);
        if (cached != null && marketplaces.available(marketplace)) {
            return validate(
                    marketplace,
                    cached,
                    marketplaces.account(merchant, marketplace),
                    "stale",
                    cached.fetchedAt(),
                    error);
        }
        return new Part(
                new SearchResult.ProviderOutcome(marketplace.id(), "failed", null, 0, 0, error, null), List.of());
    }

    private Part validate(
            Marketplace marketplace,
            CachedPage page,
            SourceAccount account,
            String status,
            Instant asOf,
            @Nullable String error) {
        Screened screening = screened.get(page, unscreened -> screen(marketplace, unscreened));
        List<ValidProduct> linked = links.applyAll(screening.valid(), account);
        return new Part(
                new SearchResult.ProviderOutcome(
                        marketplace.id(),
                        status,
                        asOf,
                        linked.size(),
                        screening.rejected(),
                        error,
                        screening.warning()),
                linked);
    }

    private Screened screen(Marketplace marketplace, CachedPage page) {
        List<OfferLinks.Linkable> valid = new ArrayList<>();
        int rejected = 0;
        for (RawProduct raw : page.products()) {
            ProductValidation.Outcome outcome = ProductValidation.validate(raw);
            ValidProduct product = outcome.product();
            ProductValidation.Rejection rejection = outcome.rejection();
            if (product == null) {
                rejected++;
                String reason = rejection == null ? "unknown" : rejection.tag();
                Counter.builder("mercator.catalog.rejected")
                        .tag("marketplace", marketplace.id())
                        .tag("reason", reason)
                        .register(meters)
                        .increment();
                log.info("Rejected {} product {}: {}", marketplace.id(), raw.marketplaceId(), reason);
                continue;
            }
            valid.add(new OfferLinks.Linkable(product, raw));
        }
        return new Screened(
                List.copyOf(valid),
                rejected,
                dataQuality(marketplace, page.products().size(), rejected));
    }

    /**
     * A warning when a batch has many rejects (at least the configured share) or suddenly more than usual for its
     * marketplace; only batches of at least the configured size are judged, so one odd product is not a trend.
     */
    private @Nullable String dataQuality(Marketplace marketplace, int total, int rejected) {
        if (total < settings.rejectWarnMinimum()) {
            return null;
        }
        double share = (double) rejected / total;
        Double usual = rejectBaseline.get(marketplace);
        rejectBaseline.merge(marketplace, share, (old, now) -> old * 0.8 + now * 0.2);
        boolean many = share >= settings.rejectWarnRatio();
        double usualShare = usual == null ? share : usual;
        boolean rise = usual != null && share - usualShare >= SUDDEN_RISE;
        if (!many && !rise) {
            return null;
        }
        String warning = "data quality: " + rejected + " of " + total + " products rejected"
                + (rise ? String.format(Locale.ROOT, " (usually %.0f%%)", usualShare * 100) : "");
        Counter.builder("mercator.catalog.data_quality.warnings")
                .tag("marketplace", marketplace.id())
                .register(meters)
                .increment();
        log.warn("Catalog data-quality warning for {}: {}", marketplace.id(), warning);
        return warning;
    }

    /** Round-robin over providers, so relevance order does not favour whichever marketplace was asked first. */
    private static List<ValidProduct> interleave(List<List<ValidProduct>> lists) {
        List<ValidProduct> all = new ArrayList<>();
        int longest = lists.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<ValidProduct> list : lists) {
                if (i < list.size()) {
                    all.add(list.get(i));
                }
            }
        }
        return all;
    }

    private static boolean inRange(CatalogProduct product, SearchRequest request) {
        BigDecimal price = price(product, request.currency());
        if (price == null) {
            return request.minPrice() == null && request.maxPrice() == null;
        }
        BigDecimal min = request.minPrice();
        BigDecimal max = request.maxPrice();
        return (min == null || price.compareTo(min) >= 0) && (max == null || price.compareTo(max) <= 0);
    }

    private static List<CatalogProduct> rank(List<CatalogProduct> products, SearchRequest request) {
        return switch (request.sort()) {
            case RELEVANCE -> products;
            case QUALITY ->
                products.stream()
                        .sorted(Comparator.comparingDouble(CatalogProduct::quality)
                                .reversed())
                        .toList();
            case PRICE ->
                products.stream()
                        .sorted(Comparator.comparing(
                                (CatalogProduct p) -> price(p, request.currency()),
                                Comparator.nullsLast(Comparator.naturalOrder())))
                        .toList();
        };
    }

    /** The lowest offer in the requested currency, or the lowest of all when none was requested. */
    private static @Nullable BigDecimal price(CatalogProduct product, @Nullable String currency) {
        if (currency != null) {
            return product.lowestPrice(currency);
        }
        return product.offers().stream()
                .map(o -> o.price())
                .min(BigDecimal::compareTo)
                .orElse(null);
    }

    private static String describe(SourceFailure failure) {
        return failure.kind().name().toLowerCase(Locale.ROOT) + ": " + failure.getMessage();
    }

    @Override
    public void destroy() {
        fanOut.shutdownNow();
    }

    private record Part(SearchResult.ProviderOutcome outcome, List<ValidProduct> products) {}

    /** A page's products as validation left them, with the raw form link APIs take, and its rejects. */
    private record Screened(
            List<OfferLinks.Linkable> valid,
            int rejected,
            @Nullable String warning) {}
}

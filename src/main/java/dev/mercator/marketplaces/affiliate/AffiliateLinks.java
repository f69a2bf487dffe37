package dev.mercator.marketplaces.affiliate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Linkable;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.ProductLink;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.resilience.MarketplaceCalls;
import dev.mercator.marketplaces.source.ProductSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes the caller's affiliate links: from the marketplace's link API where it has one (AliExpress), else by adding the
 * caller's tag to the product URL (Amazon {@code tag}, eBay {@code campid}). When that fails the product keeps its plain
 * URL, so a result never loses its link; the failure is logged with context and counted
 * ({@code mercator.catalog.affiliate.links{marketplace,outcome}}: the affiliate-link success rate). Links from a link
 * API are cached per account owner, never shared between merchants.
 *
 * <p>A link API call is a marketplace call like any other: it goes through {@link MarketplaceCalls}, so it is retried
 * when transient, waits for the shared rate limit, trips or is refused by the marketplace's breaker, and counts against
 * the daily quota, since AliExpress counts every API call, link.generate included. It runs in the caller's lane; links
 * are only made for a response someone is waiting for (a search or a product page), so today that is the interactive
 * one.
 */
@Component
public class AffiliateLinks {

    private static final Logger log = LoggerFactory.getLogger(AffiliateLinks.class);
    private static final Pattern OWN_PARAMS = Pattern.compile("([?&])(tag|campid)=[^&#]*&?");

    private final MeterRegistry meters;
    private final MarketplaceCalls calls;
    private final Cache<String, String> generated = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(Duration.ofHours(24))
            .build();
    private final ConcurrentMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    AffiliateLinks(MeterRegistry meters, MarketplaceCalls calls) {
        this.meters = meters;
        this.calls = calls;
    }

    /**
     * Links for one marketplace's products of one response, in their order. Products without a cached link cost one
     * link API call per {@link ProductSource#MAX_LINKS_PER_CALL}, and identical concurrent requests (the same account
     * and products) share that call rather than each making their own.
     */
    public List<ProductLink> links(List<Linkable> products, SourceAccount account, ProductSource source, Lane lane) {
        String tag = account.affiliateTag();
        if (tag == null) {
            products.forEach(p -> count(p.product().marketplace(), "no_tag"));
            return products.stream().map(Linkable::link).toList();
        }
        Set<String> failedCalls = source.marketplace() == Marketplace.ALIEXPRESS
                ? generateMissing(products, account, source, lane)
                : Set.of();
        List<ProductLink> linked = new ArrayList<>(products.size());
        for (Linkable linkable : products) {
            RawProduct product = linkable.product();
            String url = linkable.link().url();
            String link = switch (product.marketplace()) {
                case AMAZON -> withParam(url, "tag=" + encode(tag));
                case EBAY ->
                    withParam(url, "mkcid=1&mkrid=711-53200-19255-0&campid=" + encode(tag) + "&toolid=10001&mkevt=1");
                case ALIEXPRESS -> generated.getIfPresent(cacheKey(account, product.marketplaceId()));
            };
            if (link == null) {
                count(product.marketplace(), "failed");
                if (!failedCalls.contains(product.marketplaceId())) {
                    // A failed call was logged once for its whole batch; a link missing from an answer is news.
                    log.warn(
                            "No affiliate link for {} product {} (account {}), returning the plain URL",
                            product.marketplace().id(),
                            product.marketplaceId(),
                            account.owner());
                }
                linked.add(new ProductLink(url, false));
            } else {
                count(product.marketplace(), "affiliate");
                linked.add(new ProductLink(link, true));
            }
        }
        return linked;
    }

    /**
     * Fills the link cache for the products that have no link yet. Returns the ids whose link call failed (logged
     * here, once per call); they keep their plain URL.
     */
    private Set<String> generateMissing(
            List<Linkable> products, SourceAccount account, ProductSource source, Lane lane) {
        Set<String> failed = new HashSet<>();
        List<RawProduct> missing = products.stream()
                .map(Linkable::product)
                .filter(raw -> generated.getIfPresent(cacheKey(account, raw.marketplaceId())) == null)
                .distinct()
                .toList();
        for (int from = 0; from < missing.size(); from += ProductSource.MAX_LINKS_PER_CALL) {
            List<RawProduct> chunk =
                    missing.subList(from, Math.min(missing.size(), from + ProductSource.MAX_LINKS_PER_CALL));
            String key = account.owner() + "|" + account.affiliateTag() + "|"
                    + String.join(
                            ",", chunk.stream().map(RawProduct::marketplaceId).toList());
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> running = inFlight.putIfAbsent(key, mine);
            if (running != null) {
                running.join();
                continue;
            }
            try {
                Map<String, String> links = calls.call(
                        source.marketplace(), lane, account.owner(), () -> source.affiliateLinks(chunk, account));
                links.forEach((id, url) -> generated.put(cacheKey(account, id), url));
            } catch (SourceFailure | RuntimeException e) {
                log.warn(
                        "Affiliate links for {} {} products (account {}, first {}) failed, returning plain URLs: {}",
                        chunk.size(),
                        source.marketplace().id(),
                        account.owner(),
                        chunk.getFirst().marketplaceId(),
                        e.getMessage());
                chunk.forEach(raw -> failed.add(raw.marketplaceId()));
            } finally {
                inFlight.remove(key, mine);
                mine.complete(null);
            }
        }
        return failed;
    }

    private static String cacheKey(SourceAccount account, String marketplaceId) {
        return account.owner() + "|" + account.affiliateTag() + "|" + marketplaceId;
    }

    /** Adds our parameters after removing any tag or campaign already in the URL, so only the caller's tag remains. */
    static String withParam(String url, String params) {
        int fragment = url.indexOf('#');
        String base = fragment < 0 ? url : url.substring(0, fragment);
        String cleaned = OWN_PARAMS.matcher(base).replaceAll("$1");
        if (cleaned.endsWith("?") || cleaned.endsWith("&")) {
            cleaned = cleaned.substring(0, cleaned.length() - 1);
        }
        return cleaned + (cleaned.contains("?") ? "&" : "?") + params;
    }

    private static String encode(@Nullable String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private void count(Marketplace marketplace, String outcome) {
        // Looked up once per marketplace and outcome: registering on every product showed in the warm-search profile.
        counters.computeIfAbsent(
                        marketplace.id() + "|" + outcome,
                        k -> Counter.builder("mercator.catalog.affiliate.links")
                                .tag("marketplace", marketplace.id())
                                .tag("outcome", outcome)
                                .register(meters))
                .increment();
    }
}

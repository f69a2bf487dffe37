package dev.mercator.catalog.affiliate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mercator.catalog.Marketplace;
import dev.mercator.catalog.Offer;
import dev.mercator.catalog.ProductSource;
import dev.mercator.catalog.RawProduct;
import dev.mercator.catalog.SourceAccount;
import dev.mercator.catalog.SourceFailure;
import dev.mercator.catalog.ValidProduct;
import dev.mercator.catalog.resilience.Lane;
import dev.mercator.catalog.resilience.MarketplaceCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts the caller's affiliate link on a product: from the marketplace's link API where it has one (AliExpress), else by
 * adding the caller's tag to the product URL (Amazon {@code tag}, eBay {@code campid}). When that fails the plain URL
 * stays, so a result never loses its link; the failure is logged with context and counted
 * ({@code mercator.catalog.affiliate.links{marketplace,outcome}}: the affiliate-link success rate). Links from a link
 * API are cached per account owner, never shared between merchants.
 *
 * <p>A link API call is a marketplace call like any other: it goes through {@link MarketplaceCalls}, so it is retried
 * when transient, waits for the shared rate limit, trips or is refused by the marketplace's breaker, and counts against
 * the daily quota, since AliExpress counts every API call, link.generate included. It runs in the interactive lane:
 * links are only made for a response someone is waiting for (a search or a product page).
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

    AffiliateLinks(MeterRegistry meters, MarketplaceCalls calls) {
        this.meters = meters;
        this.calls = calls;
    }

    public ValidProduct apply(ValidProduct product, RawProduct raw, SourceAccount account, ProductSource source) {
        Offer offer = product.offer();
        String tag = account.affiliateTag();
        if (tag == null) {
            count(offer.marketplace(), "no_tag");
            return product;
        }
        String link;
        try {
            link = link(offer, raw, account, source);
        } catch (SourceFailure | RuntimeException e) {
            log.warn(
                    "Affiliate link for {} product {} (account {}) failed, returning the plain URL: {}",
                    offer.marketplace().id(),
                    offer.marketplaceId(),
                    account.owner(),
                    e.getMessage());
            count(offer.marketplace(), "failed");
            return withLink(product, offer.url(), false);
        }
        if (link == null) {
            count(offer.marketplace(), "failed");
            log.warn(
                    "No affiliate link for {} product {} (account {}), returning the plain URL",
                    offer.marketplace().id(),
                    offer.marketplaceId(),
                    account.owner());
            return withLink(product, offer.url(), false);
        }
        count(offer.marketplace(), "affiliate");
        return withLink(product, link, true);
    }

    private @Nullable String link(Offer offer, RawProduct raw, SourceAccount account, ProductSource source)
            throws SourceFailure {
        String tag = encode(account.affiliateTag());
        return switch (offer.marketplace()) {
            case AMAZON -> withParam(offer.url(), "tag=" + tag);
            case EBAY ->
                withParam(offer.url(), "mkcid=1&mkrid=711-53200-19255-0&campid=" + tag + "&toolid=10001&mkevt=1");
            case ALIEXPRESS -> {
                String key = account.owner() + "|" + account.affiliateTag() + "|" + offer.marketplaceId();
                String cached = generated.getIfPresent(key);
                if (cached != null) {
                    yield cached;
                }
                Optional<String> made =
                        calls.call(offer.marketplace(), Lane.INTERACTIVE, () -> source.affiliateLink(raw, account));
                made.ifPresent(url -> generated.put(key, url));
                yield made.orElse(null);
            }
        };
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

    private static ValidProduct withLink(ValidProduct p, String url, boolean affiliate) {
        Offer o = p.offer();
        return new ValidProduct(
                p.title(),
                p.description(),
                p.brand(),
                p.model(),
                p.gtin(),
                p.imageUrl(),
                new Offer(
                        o.marketplace(),
                        o.marketplaceId(),
                        o.price(),
                        o.currency(),
                        url,
                        affiliate,
                        o.availability(),
                        o.asOf()));
    }

    private void count(Marketplace marketplace, String outcome) {
        Counter.builder("mercator.catalog.affiliate.links")
                .tag("marketplace", marketplace.id())
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}

package dev.mercator.marketplaces.source;

import dev.mercator.marketplaces.BuyingFormat;
import dev.mercator.marketplaces.Listing;
import dev.mercator.marketplaces.ListingPage;
import dev.mercator.marketplaces.ListingQuery;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.marketplaces.SourceQuery;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Port: a marketplace's product API as Mercator uses it. One package-private adapter per vendor implements it
 * ({@code marketplaces.amazon} for the Creators API and PA-API 5.0, {@code marketplaces.aliexpress}, {@code
 * marketplaces.ebay});
 * vendor field names never cross it. Every vendor failure is thrown as a {@link SourceFailure} with its class, so the
 * caller decides about retries, breakers and cache fallback in one place.
 */
public interface ProductSource {

    Marketplace marketplace();

    /** One page of keyword results. An empty page is a normal answer, not a failure. */
    SourcePage search(SourceQuery query, SourceAccount account) throws SourceFailure;

    /** Products by the marketplace's own ids (ASIN, AliExpress product id, eBay item id); unknown ids are left out. */
    List<RawProduct> lookup(List<String> ids, SourceAccount account) throws SourceFailure;

    /**
     * One page of listings for a deal scan, newest first where the marketplace can sort so. This default serves
     * marketplaces whose API has no listing search of its own (Amazon, AliExpress): their keyword search within the
     * price range, fixed price only, with no condition, category, shipping or seller (null: unknown). Products without
     * a readable price are left out. eBay overrides it with the Browse API's filters.
     */
    default ListingPage listings(ListingQuery query, SourceAccount account) throws SourceFailure {
        if (query.buyingFormat() != BuyingFormat.FIXED_PRICE) {
            return new ListingPage(List.of(), false);
        }
        SourcePage page = search(
                new SourceQuery(
                        query.keywords(),
                        query.page(),
                        query.pageSize(),
                        query.minPrice(),
                        query.maxPrice(),
                        query.currency()),
                account);
        List<Listing> listings = new ArrayList<>();
        for (RawProduct product : page.products()) {
            BigDecimal price = amount(product.price());
            String title = product.title();
            if (price == null || title == null || product.currency() == null) {
                continue;
            }
            listings.add(new Listing(
                    marketplace(),
                    product.marketplaceId(),
                    title,
                    null,
                    null,
                    price,
                    null,
                    String.valueOf(product.currency()),
                    null,
                    product.productUrl(),
                    BuyingFormat.FIXED_PRICE,
                    null));
        }
        return new ListingPage(List.copyOf(listings), page.hasMore());
    }

    /** A positive decimal amount, or null when absent or unreadable. */
    static @org.jspecify.annotations.Nullable BigDecimal amount(@org.jspecify.annotations.Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value.strip());
            return amount.signum() < 0 ? null : amount;
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }

    /** The most products {@link #affiliateLinks} is given at once (AliExpress link.generate takes 50 source values). */
    int MAX_LINKS_PER_CALL = 50;

    /**
     * Affiliate links from the marketplace's link API, where it has one (AliExpress link.generate), for up to {@link
     * #MAX_LINKS_PER_CALL} products, by marketplace id, in one call. Products the marketplace made no link for are left
     * out. Empty where the marketplace puts the tag into product URLs itself (Amazon, eBay).
     */
    default Map<String, String> affiliateLinks(List<RawProduct> products, SourceAccount account) throws SourceFailure {
        return Map.of();
    }
}

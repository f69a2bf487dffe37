package dev.mercator.marketplaces.source;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.marketplaces.SourceQuery;
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

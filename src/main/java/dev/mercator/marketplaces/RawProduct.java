package dev.mercator.marketplaces;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A product exactly as a marketplace described it, mapped to neutral names but not yet validated: titles may hold
 * HTML, prices may be missing or zero, GTINs may be malformed. Callers validate and sanitise before use.
 *
 * @param price the amount as the marketplace wrote it (a decimal string), untouched
 * @param gtins EAN/UPC/GTIN values as given
 * @param productUrl the plain product page
 * @param affiliateUrl a link carrying the merchant's affiliate tag, when the marketplace returned one
 */
public record RawProduct(
        Marketplace marketplace,
        String marketplaceId,
        @Nullable String title,
        @Nullable String description,
        @Nullable String brand,
        @Nullable String model,
        @Nullable String price,
        @Nullable String currency,
        List<String> gtins,
        @Nullable String imageUrl,
        @Nullable String productUrl,
        @Nullable String affiliateUrl,
        @Nullable String availability,
        Instant fetchedAt) {

    public RawProduct withMarketplaceId(String id) {
        return new RawProduct(
                marketplace,
                id,
                title,
                description,
                brand,
                model,
                price,
                currency,
                gtins,
                imageUrl,
                productUrl,
                affiliateUrl,
                availability,
                fetchedAt);
    }

    public RawProduct withPrice(@Nullable String amount) {
        return new RawProduct(
                marketplace,
                marketplaceId,
                title,
                description,
                brand,
                model,
                amount,
                currency,
                gtins,
                imageUrl,
                productUrl,
                affiliateUrl,
                availability,
                fetchedAt);
    }

    public RawProduct withGtins(List<String> values) {
        return new RawProduct(
                marketplace,
                marketplaceId,
                title,
                description,
                brand,
                model,
                price,
                currency,
                values,
                imageUrl,
                productUrl,
                affiliateUrl,
                availability,
                fetchedAt);
    }

    public RawProduct withAffiliateUrl(@Nullable String url) {
        return new RawProduct(
                marketplace,
                marketplaceId,
                title,
                description,
                brand,
                model,
                price,
                currency,
                gtins,
                imageUrl,
                productUrl,
                url,
                availability,
                fetchedAt);
    }
}

package dev.mercator.dealscout.valuation;

import org.jspecify.annotations.Nullable;

/**
 * The key of a pool of comparable prices: category, product and condition, in one currency (prices in different
 * currencies are never comparable without exchange rates, the catalog's rule too). A key with a {@code condition} holds
 * that exact eBay condition; one without holds the whole condition {@code family}, the coarser key a thin pool borrows
 * from.
 *
 * @param category the marketplace category id
 * @param product the product
 * @param family the condition's family
 * @param condition the exact condition, or null for a family-wide pool
 * @param currency ISO 4217 code of the prices
 */
public record PoolKey(
        String category,
        ProductKey product,
        ItemCondition.Family family,
        @Nullable ItemCondition condition,
        String currency) {

    public PoolKey {
        if (condition != null && condition.family() != family) {
            throw new IllegalArgumentException(condition + " is not in family " + family);
        }
    }

    static PoolKey exact(String category, ProductKey product, ItemCondition condition, String currency) {
        return new PoolKey(category, product, condition.family(), condition, currency);
    }

    PoolKey familyWide() {
        return new PoolKey(category, product, family, null, currency);
    }

    PoolKey withProduct(ProductKey other) {
        return new PoolKey(category, other, family, condition, currency);
    }

    /** Readable and stable, for evidence shown to merchants: {@code 9355|gtin:00012345678905|3000|USD}. */
    @Override
    public String toString() {
        String conditionPart = condition == null
                ? "family:" + family.name().toLowerCase(java.util.Locale.ROOT)
                : Integer.toString(condition.id());
        return category + "|" + product + "|" + conditionPart + "|" + currency;
    }
}

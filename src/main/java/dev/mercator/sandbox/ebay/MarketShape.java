package dev.mercator.sandbox.ebay;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a living market is made of (see {@link MarketSettings} for the meaning of the rates). Products given
 * explicitly replace the generated ones.
 */
record MarketShape(
        long seed,
        int productCount,
        List<ProductSpec> products,
        double listingsPerProductPerDay,
        double priceSpread,
        double vanishPerDay,
        double cutPerDay,
        double auctionShare,
        double dealShare,
        double scamShare) {

    /** A product as {@code _sim} may name it; the true value is that of a new one (condition 1000). */
    record ProductSpec(
            String title,
            String brand,
            String model,
            @Nullable String gtin,
            String categoryId,
            BigDecimal trueValue) {}

    MarketShape {
        products = List.copyOf(products);
    }

    /** The problems with this shape, empty when it can run. */
    List<String> problems() {
        java.util.ArrayList<String> problems = new java.util.ArrayList<>();
        if (products.isEmpty() && (productCount < 1 || productCount > 500)) {
            problems.add("productCount must be between 1 and 500");
        }
        if (products.size() > 500) {
            problems.add("at most 500 products");
        }
        for (ProductSpec p : products) {
            if (p.title().isBlank()
                    || p.trueValue().signum() <= 0
                    || p.categoryId().isBlank()) {
                problems.add("every product needs a title, a categoryId and a positive trueValue");
                break;
            }
        }
        if (!(listingsPerProductPerDay > 0 && listingsPerProductPerDay <= 200)) {
            problems.add("listingsPerProductPerDay must be in (0, 200]");
        }
        if (!(priceSpread >= 0 && priceSpread <= 1)) {
            problems.add("priceSpread must be in [0, 1]");
        }
        for (double rate : new double[] {vanishPerDay, cutPerDay, auctionShare, dealShare, scamShare}) {
            if (!(rate >= 0 && rate <= 1)) {
                problems.add("rates and shares must be in [0, 1]");
                break;
            }
        }
        if (dealShare + scamShare > 1) {
            problems.add("dealShare + scamShare must not exceed 1");
        }
        return problems;
    }
}

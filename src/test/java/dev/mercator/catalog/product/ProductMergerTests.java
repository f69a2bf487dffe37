package dev.mercator.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.marketplaces.Marketplace;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ProductMergerTests {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private final ProductMerger merger = new ProductMerger(Clock.fixed(NOW, ZoneOffset.UTC));

    static ValidProduct product(
            Marketplace marketplace,
            String id,
            String title,
            String price,
            String currency,
            @Nullable String gtin,
            @Nullable String brand,
            @Nullable String model) {
        return new ValidProduct(
                title,
                null,
                brand,
                model,
                gtin == null ? null : Gtin.parse(gtin).orElseThrow(),
                null,
                new Offer(marketplace, id, new BigDecimal(price), currency, "https://x/" + id, false, null, NOW));
    }

    @Test
    void sameGtinOnThreeMarketplacesIsOneProductWithThreeOffers() {
        List<CatalogProduct> merged = merger.merge(List.of(
                product(Marketplace.AMAZON, "B01", "Acme Steel Mug 350ml", "12.99", "USD", "036000291452", null, null),
                product(Marketplace.EBAY, "E01", "ACME mug (steel)", "10.50", "USD", "00036000291452", null, null),
                product(
                        Marketplace.ALIEXPRESS,
                        "A01",
                        "Steel Coffee Mug",
                        "30.00",
                        "USD",
                        "036000291452",
                        null,
                        null)));

        assertThat(merged).hasSize(1);
        assertThat(merged.getFirst().key()).isEqualTo("gtin:00036000291452");
        assertThat(merged.getFirst().offers())
                .extracting(Offer::marketplace)
                .containsExactly(Marketplace.EBAY, Marketplace.AMAZON, Marketplace.ALIEXPRESS);
    }

    @Test
    void sameBrandAndModelMerge() {
        List<CatalogProduct> merged = merger.merge(List.of(
                product(Marketplace.AMAZON, "B02", "Kettle", "40", "USD", null, "Brevex", "KT-200"),
                product(Marketplace.EBAY, "E02", "Electric kettle 1.7L", "38", "USD", null, "BREVEX", "kt200")));

        assertThat(merged).hasSize(1);
    }

    @Test
    void nearIdenticalTitlesInOnePriceBandMergeButVariantsStayApart() {
        List<CatalogProduct> merged = merger.merge(List.of(
                product(Marketplace.AMAZON, "B1", "Nova Phone X 128GB Black", "499", "USD", null, null, null),
                product(Marketplace.EBAY, "E1", "Nova Phone X 128GB - Black", "479", "USD", null, null, null),
                product(Marketplace.EBAY, "E2", "Nova Phone X 256GB Black", "549", "USD", null, null, null),
                product(Marketplace.ALIEXPRESS, "A1", "Nova Phone X 128GB Blue", "489", "USD", null, null, null),
                product(Marketplace.ALIEXPRESS, "A2", "Nova Phone X 128GB Black", "99", "USD", null, null, null),
                product(Marketplace.AMAZON, "B3", "Nova Phone X 128GB Black", "459", "EUR", null, null, null)));

        assertThat(merged).hasSize(5);
        assertThat(merged.getFirst().offers()).hasSize(2);
    }

    @Test
    void aSharedModelCodeWidensThePriceBand() {
        // As the generated sandbox catalogue words them: AliExpress at about 0.6x Amazon's price.
        List<CatalogProduct> merged = merger.merge(List.of(
                product(
                        Marketplace.AMAZON,
                        "B1",
                        "Kingston USB C Cable KI-279R - Green",
                        "33.48",
                        "USD",
                        null,
                        null,
                        null),
                product(
                        Marketplace.ALIEXPRESS,
                        "A1",
                        "USB C Cable Kingston KI-279R Green Free Shipping",
                        "19.23",
                        "USD",
                        null,
                        null,
                        null),
                product(
                        Marketplace.EBAY,
                        "E1",
                        "NEW Kingston KI-279R USB C Cable (Green)",
                        "29.10",
                        "USD",
                        null,
                        null,
                        null),
                // In pounds: no exchange rates, so never merged by title (it would also bridge A2 below in).
                product(
                        Marketplace.EBAY,
                        "E3",
                        "NEW Kingston KI-279R USB C Cable (Green)",
                        "24.10",
                        "GBP",
                        null,
                        null,
                        null),
                // Same words, another colour: a variant, kept apart.
                product(
                        Marketplace.EBAY,
                        "E2",
                        "NEW Kingston KI-279R USB C Cable (Black)",
                        "30.10",
                        "USD",
                        null,
                        null,
                        null),
                // Same code, but five times the price: not the same product.
                product(
                        Marketplace.ALIEXPRESS,
                        "A2",
                        "Kingston USB C Cable KI-279R Green",
                        "170.00",
                        "USD",
                        null,
                        null,
                        null)));

        assertThat(merged).hasSize(4);
        assertThat(merged.getFirst().offers())
                .extracting(Offer::marketplaceId)
                .containsExactlyInAnyOrder("B1", "A1", "E1");
    }

    @Test
    void withoutAModelCodeTheBandStaysNarrowAndCurrenciesApart() {
        List<CatalogProduct> merged = merger.merge(List.of(
                product(Marketplace.AMAZON, "B1", "Kingston USB C Cable Green", "33.48", "USD", null, null, null),
                product(
                        Marketplace.ALIEXPRESS,
                        "A1",
                        "USB C Cable Kingston Green Free Shipping",
                        "19.23",
                        "USD",
                        null,
                        null,
                        null),
                product(Marketplace.EBAY, "E1", "NEW Kingston USB C Cable (Green)", "26.00", "GBP", null, null, null),
                // "3-in-1" is not a model code.
                product(Marketplace.AMAZON, "B2", "Kingston 3-in-1 Charger Green", "20.00", "USD", null, null, null),
                product(Marketplace.EBAY, "E2", "Kingston 3-in-1 Charger Green", "40.00", "USD", null, null, null)));

        assertThat(merged).hasSize(5);
        assertThat(ProductMerger.modelCodes("Kingston 3-in-1 USB-C Charger 2-Pack"))
                .isEmpty();
        assertThat(ProductMerger.modelCodes("Sony WH-1000XM5 Headphones")).containsExactly("wh1000xm5");
    }

    @Test
    void qualityRewardsCompleteFreshCleanListings() {
        ValidProduct complete = new ValidProduct(
                "Acme Stainless Steel Travel Mug 350 ml",
                "<p>Keeps coffee hot.</p>",
                "Acme",
                "TM-350",
                Gtin.parse("036000291452").orElseThrow(),
                "https://img/x.jpg",
                new Offer(Marketplace.AMAZON, "B9", new BigDecimal("19.99"), "USD", "https://x", true, null, NOW));
        ValidProduct poor = new ValidProduct(
                "BEST PRICE!!! MUG HOT SALE FREE SHIPPING",
                null,
                null,
                null,
                null,
                null,
                new Offer(
                        Marketplace.ALIEXPRESS,
                        "A9",
                        new BigDecimal("2.00"),
                        "USD",
                        "https://y",
                        false,
                        null,
                        NOW.minusSeconds(7 * 86_400)));

        double good = merger.merge(List.of(complete)).getFirst().quality();
        double bad = merger.merge(List.of(poor)).getFirst().quality();

        assertThat(good).isBetween(0.9, 1.0);
        assertThat(bad).isBetween(0.0, 0.4);
    }
}

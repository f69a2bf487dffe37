package dev.mercator.catalog;

import static org.assertj.core.api.Assertions.assertThat;

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

package dev.mercator.sandbox.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.catalog.product.Gtin;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GeneratedCatalogTests {

    private static final GeneratedCatalog CATALOG = new GeneratedCatalog(42, 3000);

    @Test
    void sameSeedSameCatalogueOtherSeedOtherCatalogue() {
        GeneratedCatalog again = new GeneratedCatalog(42, 3000);
        GeneratedCatalog other = new GeneratedCatalog(43, 3000);

        assertThat(again.products()).isEqualTo(CATALOG.products());
        for (Shop shop : Shop.values()) {
            assertThat(again.listings(shop)).isEqualTo(CATALOG.listings(shop));
        }
        assertThat(other.products()).isNotEqualTo(CATALOG.products());
    }

    @Test
    void everyProductHasAValidUniqueGtin() {
        Set<String> gtins =
                CATALOG.products().stream().map(CatalogProduct::gtin).collect(Collectors.toSet());

        assertThat(gtins).hasSize(3000);
        assertThat(gtins)
                .allSatisfy(gtin -> assertThat(Gtin.isValid(gtin)).as(gtin).isTrue());
    }

    @Test
    void shopsOverlapThroughSharedGtinsWithTheirOwnIdsTitlesAndPrices() {
        Map<Shop, Map<String, Listing>> byGtin = new EnumMap<>(Shop.class);
        for (Shop shop : Shop.values()) {
            byGtin.put(
                    shop,
                    CATALOG.listings(shop).stream()
                            .filter(listing -> listing.defect() == Defect.NONE)
                            .collect(Collectors.toMap(Listing::gtin, listing -> listing)));
            assertThat(CATALOG.listings(shop)).hasSizeBetween(1500, 2400);
        }
        Set<String> everywhere = byGtin.get(Shop.AMAZON).keySet().stream()
                .filter(byGtin.get(Shop.ALIEXPRESS)::containsKey)
                .filter(byGtin.get(Shop.EBAY)::containsKey)
                .collect(Collectors.toSet());
        assertThat(everywhere).hasSizeGreaterThan(500);

        String gtin = everywhere.iterator().next();
        Listing amazon = byGtin.get(Shop.AMAZON).get(gtin);
        Listing ali = byGtin.get(Shop.ALIEXPRESS).get(gtin);
        Listing ebay = byGtin.get(Shop.EBAY).get(gtin);
        assertThat(List.of(amazon.id(), ali.id(), ebay.id())).doesNotHaveDuplicates();
        assertThat(List.of(amazon.title(), ali.title(), ebay.title())).doesNotHaveDuplicates();
        assertThat(List.of(amazon.title(), ali.title(), ebay.title()))
                .allSatisfy(title -> assertThat(title)
                        .contains(amazon.product().brand())
                        .contains(amazon.product().model()));
        assertThat(amazon.price()).isNotEqualTo(ali.price());
        assertThat(amazon.id()).matches("B0[0-9A-Z]{8}");
        assertThat(ali.id()).matches("\\d{16}");
        assertThat(ebay.id()).matches("v1\\|\\d{12}\\|0");
    }

    @Test
    void everyShopHasEveryKindOfDefectButOnlyAFew() {
        for (Shop shop : Shop.values()) {
            List<Listing> listings = CATALOG.listings(shop);
            Set<Defect> defects = listings.stream()
                    .map(Listing::defect)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Defect.class)));
            assertThat(defects).as(shop.name()).containsAll(EnumSet.allOf(Defect.class));
            long broken = listings.stream()
                    .filter(listing -> listing.defect() != Defect.NONE)
                    .count();
            assertThat(broken).isBetween(20L, listings.size() / 20L);
            assertThat(listings.stream().filter(listing -> listing.defect() == Defect.HUGE_DESCRIPTION))
                    .hasSize(1);
        }
    }

    @Test
    void defectsLookTheWayTheirNameSays() {
        for (Listing listing : CATALOG.listings(Shop.EBAY)) {
            switch (listing.defect()) {
                case MISSING_PRICE -> assertThat(listing.price()).isNull();
                case ZERO_PRICE -> assertThat(listing.price()).isEqualByComparingTo(BigDecimal.ZERO);
                case HTML_TITLE -> assertThat(listing.title()).contains("<script>");
                case CONTROL_CHARACTERS -> assertThat(listing.title()).containsPattern("\\p{Cntrl}");
                case UNKNOWN_CURRENCY -> assertThat(listing.currency()).isEqualTo(GeneratedCatalog.UNKNOWN_CURRENCY);
                case INVALID_GTIN -> assertThat(Gtin.isValid(listing.gtin())).isFalse();
                case HUGE_DESCRIPTION ->
                    assertThat(listing.description().length()).isGreaterThan(2_000_000);
                case NONE -> {
                    assertThat(Gtin.isValid(listing.gtin())).isTrue();
                    assertThat(listing.price()).isPositive();
                }
            }
        }
    }

    @Test
    void searchMatchesEveryKeywordCaseInsensitively() {
        List<Listing> found = CATALOG.search(Shop.AMAZON, "usb c CABLE");

        assertThat(found).isNotEmpty();
        assertThat(found)
                .allSatisfy(listing -> assertThat(listing.title().toLowerCase()).contains("usb", "cable"));
        assertThat(CATALOG.search(Shop.AMAZON, "  ")).isEmpty();
        assertThat(CATALOG.search(Shop.AMAZON, "no such thing anywhere")).isEmpty();
    }
}

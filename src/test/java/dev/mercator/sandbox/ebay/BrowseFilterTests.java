package dev.mercator.sandbox.ebay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.sandbox.catalog.CatalogProduct;
import dev.mercator.sandbox.catalog.Defect;
import dev.mercator.sandbox.catalog.Listing;
import dev.mercator.sandbox.catalog.Shop;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The simulator's reading of the Browse {@code filter}: the documented forms apply, and what eBay cannot use is warned
 * about and ignored (12002 for a field's value, 12012 for price without a valid priceCurrency), as eBay does.
 */
class BrowseFilterTests {

    @Test
    void theFieldsMercatorMaySendAreAppliedInEachDocumentedForm() {
        BrowseFilter.Parsed parsed = BrowseFilter.parse(
                "price:[10..50.5],priceCurrency:USD,conditionIds:{1000|3000},buyingOptions:{FIXED_PRICE}");

        assertThat(parsed.refusal()).isNull();
        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.filter())
                .isEqualTo(new BrowseFilter(
                        new BigDecimal("10"),
                        new BigDecimal("50.5"),
                        "USD",
                        Set.of("1000", "3000"),
                        Set.of("FIXED_PRICE")));
        assertThat(BrowseFilter.parse("price:[10],priceCurrency:GBP").filter().minPrice())
                .isEqualByComparingTo("10");
        assertThat(BrowseFilter.parse("price:[..50],priceCurrency:GBP").filter().maxPrice())
                .isEqualByComparingTo("50");
    }

    @Test
    void aPriceWithoutPriceCurrencyIsWarnedAboutAndIgnored() {
        BrowseFilter.Parsed parsed = BrowseFilter.parse("price:[10..50]");

        assertThat(parsed.refusal()).isNull();
        assertThat(parsed.warnings())
                .extracting(BrowseFilter.Problem::errorId)
                .containsExactly(BrowseFilter.PRICE_NEEDS_CURRENCY);
        assertThat(parsed.filter()).isEqualTo(BrowseFilter.NONE);
    }

    @Test
    void anInvalidPriceCurrencyGetsBothWarningsEbaySendsForIt() {
        BrowseFilter.Parsed parsed = BrowseFilter.parse("price:[10..50],priceCurrency:usd");

        assertThat(parsed.warnings())
                .extracting(BrowseFilter.Problem::errorId)
                .containsExactly(BrowseFilter.INVALID_VALUE, BrowseFilter.PRICE_NEEDS_CURRENCY);
        assertThat(parsed.warnings().getFirst().parameters())
                .containsExactly(Map.entry("fieldName", "priceCurrency"), Map.entry("filterValue", "usd"));
        assertThat(parsed.filter().priceCurrency()).isNull();
    }

    @Test
    void rangesOutsideTheDocumentedFormsAreInvalidValues() {
        for (String range : new String[] {"[10..]", "[]", "[..]", "[50..10]", "[ten..50]", "10..50", "[-5..50]"}) {
            BrowseFilter.Parsed parsed = BrowseFilter.parse("price:" + range + ",priceCurrency:USD");

            assertThat(parsed.warnings())
                    .as(range)
                    .extracting(BrowseFilter.Problem::errorId)
                    .containsExactly(BrowseFilter.INVALID_VALUE, BrowseFilter.PRICE_NEEDS_CURRENCY);
            assertThat(parsed.filter().priceCurrency()).as(range).isNull();
        }
    }

    @Test
    void unknownSetValuesAndUnmodelledFieldsAreInvalidValuesTheRestStillApplies() {
        BrowseFilter.Parsed parsed =
                BrowseFilter.parse("buyingOptions:{FIXED_PRICE|BUY_NOW},conditionIds:{NEW},sellers:{someone}");

        assertThat(parsed.warnings())
                .extracting(problem -> problem.parameters().get("fieldName"))
                .containsExactly("buyingOptions", "conditionIds", "sellers");
        assertThat(parsed.filter()).isEqualTo(BrowseFilter.NONE);

        assertThat(BrowseFilter.parse("conditionIds:{NEW},priceCurrency:USD,price:[1]")
                        .filter()
                        .priceCurrency())
                .isEqualTo("USD");
    }

    @Test
    void aFilterThatCannotBeSplitIntoFieldsIsRefused() {
        for (String broken : new String[] {"price:[10..50", "price", "conditionIds:{1000}}", "price:[1],price:[2]"}) {
            BrowseFilter.Parsed parsed = BrowseFilter.parse(broken);

            assertThat(parsed.refusal()).as(broken).isNotNull();
            assertThat(parsed.refusal().errorId()).isEqualTo(BrowseFilter.INVALID_VALUE);
            assertThat(parsed.refusal().parameters()).containsEntry("filter", broken);
        }
    }

    @Test
    void listingsPassByConditionBuyingOptionAndPriceConvertedIntoTheFiltersCurrency() {
        BrowseFilter upToFiftyDollars =
                BrowseFilter.parse("price:[..50],priceCurrency:USD").filter();

        assertThat(upToFiftyDollars.accepts(listing("49.99", "USD"))).isTrue();
        assertThat(upToFiftyDollars.accepts(listing("50.01", "USD"))).isFalse();
        // 39 GBP is 49.37 USD at the simulator's rate of 0.79 GBP to the dollar; 40 GBP is 50.63 USD.
        assertThat(upToFiftyDollars.accepts(listing("39", "GBP"))).isTrue();
        assertThat(upToFiftyDollars.accepts(listing("40", "GBP"))).isFalse();
        assertThat(upToFiftyDollars.accepts(listing(null, "USD"))).isFalse();
        assertThat(upToFiftyDollars.accepts(listing("10", "XBT"))).isFalse();

        assertThat(BrowseFilter.parse("conditionIds:{3000}").filter().accepts(listing("10", "USD")))
                .isFalse();
        assertThat(BrowseFilter.parse("buyingOptions:{AUCTION}").filter().accepts(listing("10", "USD")))
                .isFalse();
        assertThat(BrowseFilter.parse("buyingOptions:{AUCTION|FIXED_PRICE},conditionIds:{1000}")
                        .filter()
                        .accepts(listing("10", "USD")))
                .isTrue();
    }

    private static Listing listing(@Nullable String price, String currency) {
        CatalogProduct product = new CatalogProduct(1, "4006381333931", "Brand", "M1", "lamp", "red", BigDecimal.TEN);
        return new Listing(
                Shop.EBAY,
                "v1|110500000017|0",
                product,
                "A lamp",
                price == null ? null : new BigDecimal(price),
                currency,
                "4006381333931",
                true,
                Defect.NONE);
    }
}

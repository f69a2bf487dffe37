package dev.mercator.dealscout.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.dealscout.ListingScored;
import dev.mercator.dealscout.ListingScored.Verdict;
import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The band's edge, its condition and the re-arm margin, on known numbers. */
class WatchBandTests {

    private static final WatchSpec ANY_DEAL_20 =
            new WatchSpec("w", UUID.randomUUID(), null, null, null, null, null, null, null, null, 0.2, 20, "UTC", true);
    private static final WatchSpec TARGET_60_USD = new WatchSpec(
            "w",
            UUID.randomUUID(),
            null,
            null,
            null,
            null,
            null,
            null,
            new BigDecimal("60"),
            "USD",
            null,
            20,
            "UTC",
            true);

    static ListingScored scored(String total, String currency, Verdict verdict, @Nullable String low) {
        return scored(total, currency, verdict, low, null);
    }

    static ListingScored scored(
            String total, String currency, Verdict verdict, @Nullable String low, @Nullable String borrowedFrom) {
        BigDecimal price = new BigDecimal(total);
        return new ListingScored(
                MerchantId.random(),
                UUID.randomUUID(),
                null,
                "ebay",
                "v1|1|0",
                "title",
                null,
                null,
                price,
                currency,
                verdict,
                (100 - price.doubleValue()) / 100,
                -1,
                50,
                low == null ? null : new BigDecimal("100.00"),
                low == null ? null : new BigDecimal(low),
                low == null ? null : new BigDecimal("115.00"),
                low == null ? null : 24,
                low == null ? null : "ASKING_PRICES",
                borrowedFrom,
                Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void anAnyDealWatchsEdgeIsTheLowerOfTheIntervalsLowEndAndTheDiscountedMarketValue() {
        assertThat(WatchBand.edge(ANY_DEAL_20, scored("70", "USD", Verdict.DEAL, "85.00")))
                .isEqualByComparingTo("80.00");
        assertThat(WatchBand.edge(ANY_DEAL_20, scored("70", "USD", Verdict.DEAL, "75.00")))
                .isEqualByComparingTo("75.00");
        assertThat(WatchBand.holds(ANY_DEAL_20, scored("80.00", "USD", Verdict.DEAL, "85.00")))
                .isTrue();
        assertThat(WatchBand.holds(ANY_DEAL_20, scored("80.01", "USD", Verdict.DEAL, "85.00")))
                .isFalse();
        // Below the interval's low end is required, not just the discount.
        assertThat(WatchBand.holds(ANY_DEAL_20, scored("75.00", "USD", Verdict.DEAL, "75.00")))
                .isFalse();
        assertThat(WatchBand.holds(ANY_DEAL_20, scored("50.00", "USD", Verdict.NO_VALUATION, null)))
                .isFalse();
    }

    @Test
    void aValueBorrowedFromACoarserPoolNeverMakesAnAnyDealButATargetPriceStillHolds() {
        String family = "ebay|112529|gtin:00012345678905|NEW|USD";

        assertThat(WatchBand.holds(ANY_DEAL_20, scored("50.00", "USD", Verdict.NOT_A_DEAL, "85.00", family)))
                .isFalse();
        assertThat(WatchBand.holds(TARGET_60_USD, scored("50.00", "USD", Verdict.NOT_A_DEAL, "85.00", family)))
                .isTrue();
    }

    @Test
    void tooGoodIsNeverInTheBandAndNeverReArms() {
        assertThat(WatchBand.holds(ANY_DEAL_20, scored("10.00", "USD", Verdict.TOO_GOOD, "85.00")))
                .isFalse();
        assertThat(WatchBand.holds(TARGET_60_USD, scored("10.00", "USD", Verdict.TOO_GOOD, "85.00")))
                .isFalse();
        assertThat(WatchBand.rearms(TARGET_60_USD, scored("99.00", "USD", Verdict.TOO_GOOD, "85.00"), 0.02))
                .isFalse();
    }

    @Test
    void aTargetPriceHoldsAtOrBelowItInItsCurrencyOnly() {
        assertThat(WatchBand.holds(TARGET_60_USD, scored("60.00", "USD", Verdict.NOT_A_DEAL, null)))
                .isTrue();
        assertThat(WatchBand.holds(TARGET_60_USD, scored("60.01", "USD", Verdict.NOT_A_DEAL, null)))
                .isFalse();
        assertThat(WatchBand.holds(TARGET_60_USD, scored("50.00", "EUR", Verdict.DEAL, "85.00")))
                .isFalse();
        assertThat(WatchBand.edge(TARGET_60_USD, scored("50.00", "EUR", Verdict.DEAL, "85.00")))
                .isNull();
    }

    @Test
    void aListingReArmsOnlyAboveTheEdgeByTheMargin() {
        assertThat(WatchBand.rearms(TARGET_60_USD, scored("61.20", "USD", Verdict.NOT_A_DEAL, null), 0.02))
                .isFalse();
        assertThat(WatchBand.rearms(TARGET_60_USD, scored("61.21", "USD", Verdict.NOT_A_DEAL, null), 0.02))
                .isTrue();
        assertThat(WatchBand.rearms(ANY_DEAL_20, scored("81.60", "USD", Verdict.NOT_A_DEAL, "85.00"), 0.02))
                .isFalse();
        assertThat(WatchBand.rearms(ANY_DEAL_20, scored("81.61", "USD", Verdict.NOT_A_DEAL, "85.00"), 0.02))
                .isTrue();
        // Without a valuation there is no edge to leave: an any-deal watch stays disarmed.
        assertThat(WatchBand.rearms(ANY_DEAL_20, scored("99.00", "USD", Verdict.NO_VALUATION, null), 0.02))
                .isFalse();
    }
}

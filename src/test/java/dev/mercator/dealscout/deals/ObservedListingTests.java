package dev.mercator.dealscout.deals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.dealscout.valuation.Comp;
import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ObservedListingTests {

    static final Instant FIRST_SEEN = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration WEEK = Duration.ofDays(7);

    static ObservedListing listing(@Nullable String condition, @Nullable String shipping, @Nullable Instant vanished) {
        return listing(condition, shipping, vanished, false);
    }

    static ObservedListing listing(
            @Nullable String condition, @Nullable String shipping, @Nullable Instant vanished, boolean auction) {
        return new ObservedListing(
                UUID.randomUUID(),
                MerchantId.random(),
                "ebay",
                "v1|1|0",
                "Sony WH-1000XM5 Headphones",
                condition,
                null,
                new BigDecimal("90.00"),
                shipping == null ? null : new BigDecimal(shipping),
                "USD",
                null,
                FIRST_SEEN,
                FIRST_SEEN.plus(Duration.ofHours(2)),
                vanished,
                auction);
    }

    @Test
    void anAuctionsCurrentBidIsNeverAComparablePriceLiveOrEnded() {
        assertThat(listing("3000", "10.00", null, true).comp(WEEK)).isNull();
        assertThat(listing("3000", "10.00", FIRST_SEEN.plus(Duration.ofHours(5)), true)
                        .comp(WEEK))
                .isNull();
        assertThat(listing("3000", "10.00", null, false).comp(WEEK)).isNotNull();
    }

    @Test
    void aListingThatVanishesWithinTheSettingIsSaleEvidenceDatedWhenItWent() {
        Instant gone = FIRST_SEEN.plus(WEEK);
        Comp comp = listing("3000", "10.00", gone).comp(WEEK);

        assertThat(comp).isNotNull();
        assertThat(comp.kind()).isEqualTo(Comp.Kind.VANISHED_QUICKLY);
        assertThat(comp.observedAt()).isEqualTo(gone);
        assertThat(comp.totalPrice()).isEqualTo(100.0);
    }

    @Test
    void aListingThatLastedLongerOrIsStillThereIsAnAskingPriceDatedFromItsCurrentPrice() {
        Comp slow = listing("3000", null, FIRST_SEEN.plus(WEEK).plusSeconds(1)).comp(WEEK);
        Comp live = listing("3000", null, null).comp(WEEK);

        assertThat(slow).isNotNull();
        assertThat(slow.kind()).isEqualTo(Comp.Kind.ASKING);
        assertThat(live).isNotNull();
        assertThat(live.kind()).isEqualTo(Comp.Kind.ASKING);
        assertThat(live.observedAt()).isEqualTo(FIRST_SEEN.plus(Duration.ofHours(2)));
    }

    @Test
    void aListingWithoutAKnownEbayConditionIsNotPooledAndOneWithoutCategoryIsPooledUnderTheDash() {
        assertThat(listing(null, null, null).facts()).isNull();
        assertThat(listing("1234", null, null).facts()).isNull();
        assertThat(listing("new", null, null).facts()).isNull();
        var facts = listing("3000", null, null).facts();
        assertThat(facts).isNotNull();
        assertThat(facts.category()).isEqualTo(ObservedListing.NO_CATEGORY);
        assertThat(facts.conditionId()).isEqualTo(3000);
    }
}

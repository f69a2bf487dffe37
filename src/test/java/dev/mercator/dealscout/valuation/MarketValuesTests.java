package dev.mercator.dealscout.valuation;

import static dev.mercator.dealscout.valuation.PoolKeysTests.item;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Pools, borrowing from coarser keys, and the valuation remembered per pool version. */
class MarketValuesTests {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    static final String GTIN = "012345678905";

    /** A clock tests move by hand. */
    static final class ManualClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(NOW);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private final ManualClock clock = new ManualClock();
    private final MarketValues values = new MarketValues(ValuationSettings.defaults(), clock);
    private int ids;

    private void sold(ItemFacts item, double... prices) {
        for (double price : prices) {
            values.record(item, new Comp("o" + ids++, price, NOW, Comp.Kind.SOLD));
        }
    }

    @Test
    void aPoolWithTooFewCompsBorrowsFromItsConditionFamilyAndSaysSo() {
        ItemFacts veryGood = item(GTIN, null, null, "Sony headphones", 4000);
        ItemFacts used = item(GTIN, null, null, "Sony headphones", 3000);
        sold(veryGood, 100, 101);
        sold(used, 90, 92, 94, 96, 98, 100, 102, 104, 106, 108, 110, 112);

        List<PoolKey> chain = PoolKeys.chain(veryGood);
        MarketValue value = (MarketValue) values.appraise(chain);

        assertThat(value.key()).isEqualTo(chain.get(0));
        assertThat(value.borrowedFrom()).isEqualTo(chain.get(1));
        assertThat(value.source().toString()).isEqualTo("9355|gtin:00012345678905|family:used|USD");
        assertThat(value.n()).isEqualTo(14);
    }

    @Test
    void aThinPoolKeepsItsOwnValueRatherThanBorrowAFullerOneOfMixedConditions() {
        ItemFacts veryGood = item(GTIN, null, null, "Sony headphones", 4000);
        sold(veryGood, 100, 101, 102, 103, 104, 105); // thin: 6
        sold(item(GTIN, null, null, "Sony headphones", 5000), 80, 82, 84, 86, 88, 90, 92, 94, 96, 98);
        List<PoolKey> chain = PoolKeys.chain(veryGood);

        MarketValue own = (MarketValue) values.appraise(chain);

        assertThat(own.borrowedFrom())
                .as("the family is fuller but mixes Good with Very Good")
                .isNull();
        assertThat(own.thin()).isTrue();
        assertThat(own.median()).isEqualTo(102.5);
    }

    @Test
    void aPoolThatIsNotThinNeverBorrows() {
        ItemFacts veryGood = item(GTIN, null, null, "Sony headphones", 4000);
        sold(veryGood, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111);
        sold(item(GTIN, null, null, "Sony headphones", 3000), 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63);

        MarketValue value = (MarketValue) values.appraise(PoolKeys.chain(veryGood));

        assertThat(value.borrowedFrom()).isNull();
        assertThat(value.median()).isEqualTo(105.5);
    }

    @Test
    void aModelWithoutEnoughCompsBorrowsFromItsTitleTokens() {
        // Titles without the model code: pooled by their tokens only.
        ItemFacts withModel = item(null, "Sony", "WH-1000XM5", "Sony Headphones Black", 3000);
        ItemFacts byTitle = item(null, null, null, "Sony headphones black", 4000);
        sold(withModel, 200);
        sold(byTitle, 180, 182, 184, 186, 188, 190, 192, 194, 196, 198, 200, 202);

        List<PoolKey> chain = PoolKeys.chain(withModel);
        MarketValue value = (MarketValue) values.appraise(chain);

        assertThat(value.borrowedFrom()).isEqualTo(chain.get(2));
        assertThat(value.source().product().kind()).isEqualTo(ProductKey.Kind.TITLE);
        assertThat(value.n()).isEqualTo(13);
    }

    @Test
    void withNothingToBorrowThereIsNoValuation() {
        ItemFacts item = item(GTIN, null, null, "Sony headphones", 4000);
        sold(item, 100, 101);

        assertThat(values.appraise(PoolKeys.chain(item))).isInstanceOf(PoolValuation.None.class);
    }

    @Test
    void aRepricedListingReplacesItsCompAndAForgottenOneLeavesEveryPool() {
        ItemFacts item = item(GTIN, null, null, "Sony headphones", 3000);
        sold(item, 100, 101, 102, 103, 104);
        values.record(item, new Comp("o0", 106, NOW, Comp.Kind.SOLD));

        MarketValue value = (MarketValue) values.appraise(PoolKeys.chain(item));
        assertThat(value.n()).isEqualTo(5);
        assertThat(value.median()).isEqualTo(103);

        values.forget("o1");
        for (PoolKey key : PoolKeys.chain(item)) {
            assertThat(values.valueOf(key)).as(key.toString()).isInstanceOf(PoolValuation.None.class);
        }
    }

    @Test
    void aPoolIsValuedOncePerVersionAndAgainWhenItChangesOrTimePasses() {
        ItemFacts item = item(GTIN, null, null, "Sony headphones", 3000);
        sold(item, 100, 101, 102, 103, 104);
        PoolKey key = PoolKeys.chain(item).getFirst();

        PoolValuation first = values.valueOf(key);
        assertThat(values.valueOf(key)).isSameAs(first);

        clock.now.set(NOW.plusSeconds(30));
        assertThat(values.valueOf(key)).as("within revalue-after").isSameAs(first);

        sold(item, 105);
        PoolValuation changed = values.valueOf(key);
        assertThat(changed).isNotSameAs(first);
        assertThat(((MarketValue) changed).n()).isEqualTo(6);

        clock.now.set(NOW.plus(Duration.ofMinutes(2)));
        assertThat(values.valueOf(key)).as("after revalue-after").isNotSameAs(changed);
    }
}

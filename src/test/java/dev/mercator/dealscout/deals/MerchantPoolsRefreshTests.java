package dev.mercator.dealscout.deals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.dealscout.valuation.FeeSettings;
import dev.mercator.dealscout.valuation.ValuationSettings;
import dev.mercator.platform.MerchantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Pools held longer than {@code pools-refresh} are rebuilt on their next use: how observations recorded, and erasures
 * made, by another instance (whose events never reach this one) get into this instance's pools.
 */
class MerchantPoolsRefreshTests {

    static final Duration REFRESH = Duration.ofMinutes(15);

    final MerchantId merchant = MerchantId.random();
    Instant now = Instant.parse("2026-12-01T12:00:00Z");
    final List<ObservedListing> store = new CopyOnWriteArrayList<>();

    final ObservedListings listings =
            new ObservedListings(org.springframework.jdbc.core.simple.JdbcClient.create(
                    new org.springframework.jdbc.datasource.SimpleDriverDataSource())) {
                @Override
                List<ObservedListing> ofMerchantSince(MerchantId who, Instant since) {
                    return who.equals(merchant) ? List.copyOf(store) : List.of();
                }
            };

    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    final MerchantPools pools = new MerchantPools(
            listings,
            ValuationSettings.defaults(),
            FeeSettings.defaults(),
            new DealSettings(Duration.ofDays(7), 0.02, 0, 200, 20, 100, REFRESH),
            clock);

    ObservedListing observed(String price) {
        ObservedListing template = ObservedListingTests.listing("3000", "5.00", null);
        return new ObservedListing(
                template.id(),
                merchant,
                template.marketplace(),
                template.listingId(),
                template.title(),
                template.conditionId(),
                "9355",
                new java.math.BigDecimal(price),
                template.shipping(),
                template.currency(),
                template.url(),
                now.minus(Duration.ofHours(1)),
                now.minus(Duration.ofMinutes(30)),
                null,
                false);
    }

    @Test
    void anotherInstancesObservationReachesThesePoolsOnlyAfterTheRefresh() {
        ObservedListing first = observed("90.00");
        store.add(first);
        MerchantPools.Pools held = pools.of(merchant);
        assertThat(held.holds(first.id())).isTrue();

        // Recorded by another instance: in the store, no event here.
        ObservedListing elsewhere = observed("95.00");
        store.add(elsewhere);
        now = now.plus(REFRESH.minusSeconds(1));
        assertThat(pools.of(merchant)).isSameAs(held);
        assertThat(pools.of(merchant).holds(elsewhere.id())).isFalse();

        now = now.plusSeconds(2);
        MerchantPools.Pools rebuilt = pools.of(merchant);
        assertThat(rebuilt).isNotSameAs(held);
        assertThat(rebuilt.holds(first.id())).isTrue();
        assertThat(rebuilt.holds(elsewhere.id())).isTrue();
    }

    @Test
    void anErasureElsewhereLeavesThesePoolsAtTheRefresh() {
        ObservedListing erased = observed("90.00");
        store.add(erased);
        assertThat(pools.of(merchant).holds(erased.id())).isTrue();

        store.remove(erased);
        now = now.plus(REFRESH).plusSeconds(1);

        assertThat(pools.of(merchant).holds(erased.id())).isFalse();
    }
}

package dev.mercator.marketplaces.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.catalog.support.MutableClock;
import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.settings.MarketplaceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CatalogQuotaBudgetTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final AtomicInteger warned80 = new AtomicInteger();
    private final AtomicInteger warned100 = new AtomicInteger();
    private final AtomicInteger renewed = new AtomicInteger();
    private final QuotaBudget budget = new QuotaBudget(
            Marketplace.AMAZON,
            new MarketplaceSettings.Limits(1, 1, 10, 0.5),
            clock,
            new MemoryCounter(),
            warned80::incrementAndGet,
            warned100::incrementAndGet,
            renewed::incrementAndGet);

    @Test
    void backgroundStopsAtItsShareWhileInteractiveUsesTheRest() {
        for (int i = 0; i < 5; i++) {
            assertThat(budget.tryTake(Lane.BACKGROUND)).isEmpty();
        }

        assertThat(budget.tryTake(Lane.BACKGROUND))
                .hasValueSatisfying(r -> assertThat(r).contains("background"));
        for (int i = 0; i < 5; i++) {
            assertThat(budget.tryTake(Lane.INTERACTIVE)).isEmpty();
        }
        assertThat(budget.tryTake(Lane.INTERACTIVE))
                .hasValueSatisfying(r -> assertThat(r).contains("used up"));
        assertThat(budget.usage().remaining()).isZero();
    }

    @Test
    void warnsOnceAtEightyAndOnceAtAHundredPercentPerDay() {
        for (int i = 0; i < 7; i++) {
            budget.tryTake(Lane.INTERACTIVE);
        }
        assertThat(warned80).hasValue(0);

        budget.tryTake(Lane.INTERACTIVE);
        budget.tryTake(Lane.INTERACTIVE);
        assertThat(warned80).hasValue(1);
        assertThat(budget.usage().warning()).isEqualTo("80%");

        budget.tryTake(Lane.INTERACTIVE);
        budget.tryTake(Lane.INTERACTIVE);
        assertThat(warned100).hasValue(1);
        assertThat(budget.usage().warning()).isEqualTo("100%");
    }

    @Test
    void aNewUtcDayStartsAFreshBudget() {
        for (int i = 0; i < 10; i++) {
            budget.tryTake(Lane.INTERACTIVE);
        }
        clock.advance(Duration.ofHours(14));

        assertThat(budget.tryTake(Lane.INTERACTIVE)).isEmpty();
        assertThat(budget.usage().used()).isEqualTo(1);
        assertThat(budget.usage().warning()).isNull();
        assertThat(renewed)
                .as("the day that warned is over: its alerts resolve")
                .hasValue(1);

        clock.advance(Duration.ofDays(1));
        budget.tryTake(Lane.INTERACTIVE);
        assertThat(renewed).as("a day without a warning renews nothing").hasValue(1);
    }

    static final class MemoryCounter implements QuotaCounter {
        private final java.util.Map<String, Long> used = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public synchronized long tryTake(Marketplace marketplace, java.time.LocalDate day, long limit) {
            long now = used(marketplace, day);
            if (now >= limit) {
                return -1;
            }
            used.put(marketplace + "|" + day, now + 1);
            return now + 1;
        }

        @Override
        public long used(Marketplace marketplace, java.time.LocalDate day) {
            return used.getOrDefault(marketplace + "|" + day, 0L);
        }
    }
}

package dev.mercator.dealscout.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When scans run: staggered phases, and the day's budget spread by stretching the longest intervals first. */
class ScanScheduleTests {

    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void scansWithTheSameIntervalRunOnDifferentSecondsNotAtTheTopOfTheMinute() {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        Set<Instant> slots = new HashSet<>();
        Set<Long> secondsOfMinute = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Instant next = Stagger.next(now, FIVE_MINUTES, Stagger.of(UUID.randomUUID()));
            slots.add(next);
            secondsOfMinute.add(next.getEpochSecond() % 60);
        }

        // 200 scans over 300 possible seconds: a hash that spreads them leaves few collisions and many seconds used.
        assertThat(slots).hasSizeGreaterThan(120);
        assertThat(secondsOfMinute).hasSizeGreaterThan(40);
    }

    @Test
    void aScanKeepsItsPhaseRunAfterRunAndItsNextSlotIsAlwaysAhead() {
        int stagger = Stagger.of(UUID.randomUUID());
        Instant now = Instant.parse("2026-12-04T10:00:00Z");

        Instant first = Stagger.next(now, FIVE_MINUTES, stagger);
        Instant second = Stagger.next(first, FIVE_MINUTES, stagger);
        Instant fromMidway = Stagger.next(first.plusSeconds(17), FIVE_MINUTES, stagger);

        assertThat(first).isAfter(now).isBeforeOrEqualTo(now.plus(FIVE_MINUTES));
        assertThat(Duration.between(first, second)).isEqualTo(FIVE_MINUTES);
        assertThat(fromMidway).isEqualTo(second);
        assertThat(Stagger.first(now, stagger)).isAfter(now).isBeforeOrEqualTo(now.plusSeconds(60));
    }

    @Test
    void aBudgetThatCoversEveryScanChangesNothing() {
        BudgetPlan.Ask fast = new BudgetPlan.Ask(UUID.randomUUID(), 300, 1);
        BudgetPlan.Ask slow = new BudgetPlan.Ask(UUID.randomUUID(), 3600, 1);

        // Half a day left: 144 + 12 runs.
        Map<UUID, BudgetPlan.Grant> grants = BudgetPlan.plan(List.of(fast, slow), 156, 43_200);

        assertThat(grants.get(fast.scan())).isEqualTo(new BudgetPlan.Grant(300, false));
        assertThat(grants.get(slow.scan())).isEqualTo(new BudgetPlan.Grant(3600, false));
    }

    @Test
    void aShortBudgetStretchesTheLongestIntervalsFirstAndStarvesNoScan() {
        BudgetPlan.Ask fast = new BudgetPlan.Ask(UUID.randomUUID(), 300, 1);
        BudgetPlan.Ask medium = new BudgetPlan.Ask(UUID.randomUUID(), 1800, 1);
        BudgetPlan.Ask slow = new BudgetPlan.Ask(UUID.randomUUID(), 3600, 2);
        List<BudgetPlan.Ask> asks = List.of(fast, medium, slow);
        long halfDay = 43_200;
        // Asked: 144 + 24 + 2 × 12 = 192 calls. Left: 180, so the 3600 s scan is stretched, and only it.
        Map<UUID, BudgetPlan.Grant> grants = BudgetPlan.plan(asks, 180, halfDay);

        assertThat(grants.get(slow.scan()).stretched()).isTrue();
        assertThat(grants.get(slow.scan()).intervalSeconds()).isEqualTo(7200);
        assertThat(grants.get(medium.scan()).stretched()).isFalse();
        assertThat(grants.get(fast.scan()).stretched()).isFalse();

        // Far less: everything stretches, the five-minute scan last, and every scan still runs before midnight.
        Map<UUID, BudgetPlan.Grant> scarce = BudgetPlan.plan(asks, 40, halfDay);
        Map<UUID, Long> intervals = Map.of(
                fast.scan(), scarce.get(fast.scan()).intervalSeconds(),
                medium.scan(), scarce.get(medium.scan()).intervalSeconds(),
                slow.scan(), scarce.get(slow.scan()).intervalSeconds());
        assertThat(BudgetPlan.demand(intervals, asks, halfDay)).isLessThanOrEqualTo(40);
        assertThat(intervals.values()).allSatisfy(seconds -> assertThat(seconds).isLessThanOrEqualTo(halfDay));
        assertThat(intervals.get(fast.scan()) / 300).isLessThanOrEqualTo(intervals.get(slow.scan()) / 3600);

        // No budget at all: still one run each before midnight is the plan, and it says it is overspent.
        Map<UUID, BudgetPlan.Grant> none = BudgetPlan.plan(asks, 0, halfDay);
        assertThat(none.values())
                .allSatisfy(grant -> assertThat(grant.intervalSeconds()).isEqualTo(halfDay));
    }
}

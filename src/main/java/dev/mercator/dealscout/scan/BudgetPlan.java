package dev.mercator.dealscout.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Spreads one marketplace's background budget over the rest of the (UTC) day. Each scan costs its calls per run at
 * every run left today at its interval. While that is more than the calls left, intervals are stretched longest first:
 * at each step (×2, ×4, ×8 …) the scans with the longest asked-for intervals are stretched before shorter ones, since
 * a scan asked every five minutes is the one whose merchant is waiting. No scan is ever dropped: the longest a
 * stretch goes is one run for the rest of the day, and what it cost is said per scan.
 */
final class BudgetPlan {

    /** One scan's ask: its interval and what a run costs on this marketplace. */
    record Ask(UUID scan, long intervalSeconds, int callsPerRun) {}

    /** The interval a scan gets and, when it is longer than asked, why. */
    record Grant(long intervalSeconds, boolean stretched) {}

    private BudgetPlan() {}

    /** Runs left today of a scan at {@code interval}, the one about to start included. */
    static long runs(long secondsLeft, long intervalSeconds) {
        return Math.max(1, (secondsLeft + intervalSeconds - 1) / intervalSeconds);
    }

    static long demand(Map<UUID, Long> intervals, List<Ask> asks, long secondsLeft) {
        long total = 0;
        for (Ask ask : asks) {
            total += ask.callsPerRun() * runs(secondsLeft, intervals.getOrDefault(ask.scan(), ask.intervalSeconds()));
        }
        return total;
    }

    /**
     * The intervals granted for the day's remaining {@code secondsLeft} and {@code callsLeft}. Every ask gets at least
     * its own interval; none gets more than {@code secondsLeft} (one more run today), unless it asked for more.
     */
    static Map<UUID, Grant> plan(List<Ask> asks, long callsLeft, long secondsLeft) {
        Map<UUID, Long> intervals = new HashMap<>();
        asks.forEach(ask -> intervals.put(ask.scan(), ask.intervalSeconds()));
        List<Ask> longestFirst = new ArrayList<>(asks);
        longestFirst.sort(Comparator.comparingLong(Ask::intervalSeconds)
                .reversed()
                .thenComparing(ask -> ask.scan().toString()));
        long cap = Math.max(1, secondsLeft);
        for (long factor = 2; demand(intervals, asks, secondsLeft) > callsLeft; factor *= 2) {
            boolean stretchedAny = false;
            for (Ask ask : longestFirst) {
                long current = intervals.getOrDefault(ask.scan(), ask.intervalSeconds());
                long stretched = Math.max(current, Math.min(cap, ask.intervalSeconds() * factor));
                if (stretched > current) {
                    intervals.put(ask.scan(), stretched);
                    stretchedAny = true;
                    if (demand(intervals, asks, secondsLeft) <= callsLeft) {
                        break;
                    }
                }
            }
            if (!stretchedAny) {
                // Every scan is down to one run for the rest of the day: the budget cannot be stretched further.
                break;
            }
        }
        Map<UUID, Grant> grants = new HashMap<>();
        asks.forEach(ask -> {
            long granted = intervals.getOrDefault(ask.scan(), ask.intervalSeconds());
            grants.put(ask.scan(), new Grant(granted, granted > ask.intervalSeconds()));
        });
        return grants;
    }
}

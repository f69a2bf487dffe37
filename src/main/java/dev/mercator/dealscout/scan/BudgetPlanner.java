package dev.mercator.dealscout.scan;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.Marketplaces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Applies {@link BudgetPlan} to the stored scans: per marketplace, the background calls left today against what the
 * scans on it would spend by midnight UTC; a scan on several marketplaces gets the longest interval any of them needs.
 * Every stretched scan carries its reason, shown in its view, so a slowed scan is never a silent one.
 */
@Component
class BudgetPlanner {

    private final Scans scans;
    private final ToLongFunction<Marketplace> callsLeft;
    private final Clock clock;

    @Autowired
    BudgetPlanner(Scans scans, Marketplaces marketplaces, Clock clock) {
        this(scans, marketplaces::backgroundCallsLeft, clock);
    }

    BudgetPlanner(Scans scans, ToLongFunction<Marketplace> callsLeft, Clock clock) {
        this.scans = scans;
        this.callsLeft = callsLeft;
        this.clock = clock;
    }

    /** Recomputes every scan's effective interval now. */
    void plan() {
        Instant now = clock.instant();
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC)
                .plusDays(1)
                .atStartOfDay()
                .toInstant(ZoneOffset.UTC);
        long secondsLeft = Math.max(1, Duration.between(now, midnight).toSeconds());
        Map<UUID, Scan> all = new LinkedHashMap<>();
        Map<UUID, Long> granted = new HashMap<>();
        Map<UUID, List<String>> reasons = new HashMap<>();
        for (Marketplace marketplace : Marketplace.values()) {
            List<Scan> on = scans.on(marketplace);
            if (on.isEmpty()) {
                continue;
            }
            List<BudgetPlan.Ask> asks = new ArrayList<>();
            for (Scan scan : on) {
                all.put(scan.id(), scan);
                asks.add(new BudgetPlan.Ask(scan.id(), scan.spec().interval().toSeconds(), scan.callsPerRun()));
            }
            long left = callsLeft.applyAsLong(marketplace);
            Map<UUID, BudgetPlan.Grant> grants = BudgetPlan.plan(asks, left, secondsLeft);
            Map<UUID, Long> intervals = new HashMap<>();
            grants.forEach((id, grant) -> intervals.put(id, grant.intervalSeconds()));
            boolean overspent = BudgetPlan.demand(intervals, asks, secondsLeft) > left;
            grants.forEach((id, grant) -> {
                granted.merge(id, grant.intervalSeconds(), Math::max);
                if (grant.stretched() || overspent) {
                    reasons.computeIfAbsent(id, unused -> new ArrayList<>())
                            .add(reason(marketplace, left, overspent, midnight));
                }
            });
        }
        all.forEach((id, scan) -> {
            Duration effective = Duration.ofSeconds(
                    granted.getOrDefault(id, scan.spec().interval().toSeconds()));
            List<String> why = reasons.get(id);
            @Nullable String reason = why == null ? null : String.join("; ", why);
            if (!effective.equals(scan.effectiveInterval())
                    || !java.util.Objects.equals(reason, scan.intervalReason())) {
                scans.grant(scan, effective, reason, now);
            }
        });
    }

    private static String reason(Marketplace marketplace, long left, boolean overspent, Instant midnight) {
        String text = "background budget of " + marketplace.id() + " has " + left + " calls left today";
        return overspent
                ? text + ", too few for one more run of every scan: runs may be deferred until " + midnight
                : text + ": longest intervals stretched first until " + midnight;
    }
}

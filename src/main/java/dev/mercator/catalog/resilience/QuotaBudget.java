package dev.mercator.catalog.resilience;

import dev.mercator.catalog.Marketplace;
import dev.mercator.catalog.settings.CatalogSettings;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One marketplace's daily call budget (UTC days). Interactive calls may use all of it; background refreshes only their
 * share, so a busy refresh never starves searches. Warns once a day at 80 % and at 100 %.
 */
final class QuotaBudget {

    private static final Logger log = LoggerFactory.getLogger(QuotaBudget.class);

    private final Marketplace marketplace;
    private final CatalogSettings.Limits limits;
    private final Clock clock;
    private LocalDate day;
    private final AtomicLong used = new AtomicLong();
    /** 0 none, 80 or 100: the highest warning given today. */
    private final AtomicInteger warned = new AtomicInteger();

    private final Runnable onWarn80;
    private final Runnable onWarn100;

    QuotaBudget(
            Marketplace marketplace,
            CatalogSettings.Limits limits,
            Clock clock,
            Runnable onWarn80,
            Runnable onWarn100) {
        this.marketplace = marketplace;
        this.limits = limits;
        this.clock = clock;
        this.day = today();
        this.onWarn80 = onWarn80;
        this.onWarn100 = onWarn100;
    }

    /** Takes one call from the budget, or says why not. */
    synchronized Optional<String> tryTake(Lane lane) {
        rollOver();
        long limit = lane == Lane.INTERACTIVE ? limits.dailyQuota() : backgroundLimit();
        if (used.get() >= limit) {
            return Optional.of(
                    lane == Lane.INTERACTIVE
                            ? "daily quota of " + limits.dailyQuota() + " calls used up"
                            : "background share of the daily quota (" + limit + " calls) used up");
        }
        long now = used.incrementAndGet();
        if (now >= limits.dailyQuota() && warned.get() < 100) {
            warned.set(100);
            log.warn("Catalog quota for {}: 100% of {} daily calls used", marketplace.id(), limits.dailyQuota());
            onWarn100.run();
        } else if (now * 10 >= limits.dailyQuota() * 8L && warned.get() < 80) {
            warned.set(80);
            log.warn("Catalog quota for {}: 80% of {} daily calls used", marketplace.id(), limits.dailyQuota());
            onWarn80.run();
        }
        return Optional.empty();
    }

    synchronized Usage usage() {
        rollOver();
        long spent = used.get();
        return new Usage(
                marketplace,
                day,
                limits.dailyQuota(),
                spent,
                Math.max(0, limits.dailyQuota() - spent),
                backgroundLimit(),
                warned.get() == 0 ? null : warned.get() + "%");
    }

    long used() {
        return usage().used();
    }

    long remaining() {
        return usage().remaining();
    }

    private long backgroundLimit() {
        return (long) Math.floor(limits.dailyQuota() * limits.backgroundShare());
    }

    private void rollOver() {
        LocalDate today = today();
        if (!today.equals(day)) {
            day = today;
            used.set(0);
            warned.set(0);
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A budget's state for the quota report. */
    record Usage(
            Marketplace marketplace,
            LocalDate day,
            long budget,
            long used,
            long remaining,
            long backgroundLimit,
            @org.jspecify.annotations.Nullable String warning) {}
}

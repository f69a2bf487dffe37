package dev.mercator.marketplaces.resilience;

import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.settings.MarketplaceSettings;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One marketplace's daily call budget (UTC days), counted where {@link QuotaCounter} keeps it (the database, shared by
 * instances). Interactive calls may use all of it; background refreshes only their share, so a busy refresh never
 * starves searches. Each instance warns once a day at 80 % and at 100 %.
 */
final class QuotaBudget {

    private static final Logger log = LoggerFactory.getLogger(QuotaBudget.class);

    private final Marketplace marketplace;
    private final MarketplaceSettings.Limits limits;
    private final Clock clock;
    private final QuotaCounter counter;
    private LocalDate day;
    /** 0 none, 80 or 100: the highest warning given today. */
    private final AtomicInteger warned = new AtomicInteger();

    private final Runnable onWarn80;
    private final Runnable onWarn100;
    private final Runnable onRenewed;

    QuotaBudget(
            Marketplace marketplace,
            MarketplaceSettings.Limits limits,
            Clock clock,
            QuotaCounter counter,
            Runnable onWarn80,
            Runnable onWarn100) {
        this(marketplace, limits, clock, counter, onWarn80, onWarn100, () -> {});
    }

    /** {@code onRenewed} runs when a day that warned gives way to a new one. */
    QuotaBudget(
            Marketplace marketplace,
            MarketplaceSettings.Limits limits,
            Clock clock,
            QuotaCounter counter,
            Runnable onWarn80,
            Runnable onWarn100,
            Runnable onRenewed) {
        this.marketplace = marketplace;
        this.limits = limits;
        this.clock = clock;
        this.counter = counter;
        this.day = today();
        this.onWarn80 = onWarn80;
        this.onWarn100 = onWarn100;
        this.onRenewed = onRenewed;
    }

    /** Takes one call from the budget, or says why not. */
    synchronized Optional<String> tryTake(Lane lane) {
        rollOver();
        long limit = lane == Lane.INTERACTIVE ? limits.dailyQuota() : backgroundLimit();
        long now = counter.tryTake(marketplace, day, limit);
        if (now < 0) {
            return Optional.of(
                    lane == Lane.INTERACTIVE
                            ? "daily quota of " + limits.dailyQuota() + " calls used up"
                            : "background share of the daily quota (" + limit + " calls) used up");
        }
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
        long spent = counter.used(marketplace, day);
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
            if (warned.getAndSet(0) > 0) {
                onRenewed.run();
            }
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

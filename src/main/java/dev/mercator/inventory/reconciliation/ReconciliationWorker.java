package dev.mercator.inventory.reconciliation;

import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.work.PeriodicWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Runs each merchant's scheduled reconciliation in its slot: once per {@code interval}, at an offset fixed by the
 * merchant's id, so merchants' reads spread over the interval and every instance computes the same slots. The slot
 * is recorded with the run and unique per merchant, so of several instances exactly one runs it (ADR 4's rule:
 * coordination in SQL where the work lives). A slot missed by more than a few polls (every instance was down) is not
 * caught up: the next one comes within the interval, and a burst of catch-up runs after a deploy is what the
 * staggering exists to avoid.
 */
@Component
@ConditionalOnExpression("${mercator.inventory.workers-enabled:true} and "
        + "${mercator.inventory.reconciliation.schedule-enabled:true}")
class ReconciliationWorker extends PeriodicWorker {

    /** How many polls late a slot may still be run. */
    private static final int LATE_POLLS = 3;

    private final ReconciliationRunner runner;
    private final ChannelAccounts accounts;
    private final ReconciliationSettings settings;
    private final ReconciliationRuns runs;
    private final Clock clock;

    ReconciliationWorker(
            ReconciliationRunner runner,
            ChannelAccounts accounts,
            ReconciliationSettings settings,
            ReconciliationRuns runs,
            Clock clock) {
        super("inventory-reconciliation", settings.pollInterval());
        this.runner = runner;
        this.accounts = accounts;
        this.settings = settings;
        this.runs = runs;
        this.clock = clock;
    }

    @Override
    protected void runOnce() {
        Set<MerchantId> merchants = new LinkedHashSet<>();
        for (Channel channel : Channel.values()) {
            merchants.addAll(accounts.merchantsWith(channel));
        }
        for (MerchantId merchant : merchants) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            Instant now = clock.instant();
            Instant slot = slot(merchant, now, settings.interval());
            if (slot.isBefore(now.minus(settings.pollInterval().multipliedBy(LATE_POLLS)))
                    || runs.slotTaken(merchant, slot)) {
                continue;
            }
            runner.scheduled(merchant, slot);
        }
    }

    /** The latest start of the merchant's slot at or before {@code now}: every {@code interval}, offset by its id. */
    static Instant slot(MerchantId merchant, Instant now, Duration interval) {
        long every = interval.toMillis();
        long offset = Math.floorMod(merchant.value().getLeastSignificantBits(), every);
        long at = now.toEpochMilli();
        return Instant.ofEpochMilli(at - Math.floorMod(at - offset, every));
    }
}

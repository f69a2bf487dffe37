package dev.mercator.notifications.ledger;

import dev.mercator.platform.work.PeriodicWorker;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs the dispatcher: each run drains due deliveries until a pass finds none or a few seconds have passed (so stopping
 * is not starved). Off with {@code mercator.notifications.workers-enabled=false}, for tests that drive passes.
 */
@Component
@ConditionalOnProperty(name = "mercator.notifications.workers-enabled", havingValue = "true", matchIfMissing = true)
class DispatchWorker extends PeriodicWorker {

    private static final long MAX_RUN_MILLIS = 5_000;
    private static final long MIN_WAIT_MILLIS = 10;

    private final Dispatcher dispatcher;
    private final NotificationSettings settings;

    DispatchWorker(Dispatcher dispatcher, NotificationSettings settings) {
        super("notifications-dispatch", settings.pollInterval());
        this.dispatcher = dispatcher;
        this.settings = settings;
    }

    /**
     * Passes until nothing is due before the next run would start anyway. A full batch means more may be due now; a
     * row a pace postponed by a fraction of a second (the next token of a 9-a-second relay) is waited for here, so a
     * paced destination is served at its pace rather than one send per poll interval.
     */
    @Override
    protected void runOnce() throws InterruptedException {
        long deadline = System.currentTimeMillis() + MAX_RUN_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (dispatcher.pass(Instant.now()) >= settings.batchSize()) {
                continue;
            }
            Optional<Instant> next = dispatcher.nextDue();
            if (next.isEmpty()) {
                return;
            }
            long wait = Duration.between(Instant.now(), next.get()).toMillis();
            if (wait >= settings.pollInterval().toMillis()) {
                return;
            }
            // At least a little: a due row another instance holds must not turn this into a busy loop.
            Thread.sleep(Math.max(MIN_WAIT_MILLIS, wait));
        }
    }
}

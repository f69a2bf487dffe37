package dev.mercator.notifications.ledger;

import dev.mercator.platform.work.PeriodicWorker;
import java.time.Instant;
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

    private final Dispatcher dispatcher;
    private final NotificationSettings settings;

    DispatchWorker(Dispatcher dispatcher, NotificationSettings settings) {
        super("notifications-dispatch", settings.pollInterval());
        this.dispatcher = dispatcher;
        this.settings = settings;
    }

    @Override
    protected void runOnce() {
        long deadline = System.currentTimeMillis() + MAX_RUN_MILLIS;
        while (dispatcher.pass(Instant.now()) >= settings.batchSize() && System.currentTimeMillis() < deadline) {
            // A full batch means more may be due.
        }
    }
}

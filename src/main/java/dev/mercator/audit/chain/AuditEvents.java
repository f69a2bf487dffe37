package dev.mercator.audit.chain;

import dev.mercator.audit.AuditedChange;
import java.util.concurrent.Semaphore;
import org.springframework.context.event.EventListener;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends what modules report. Each change reaches here after its publisher's transaction commits, through the event
 * publication registry (which tracks every after-commit listener: a delivery that throws stays incomplete and is made
 * again on restart); the chain records each change once.
 *
 * <p>Not an {@code @ApplicationModuleListener}, on purpose: that opens its transaction, and takes a pooled connection,
 * before the method runs. Deliveries run on virtual threads with no bound, so a burst of one merchant's changes would
 * park every pooled connection on the merchant's chain head lock and starve the requests and webhook intake that share
 * the pool. Here at most {@link #CONCURRENT_APPENDS} appends per instance hold a connection; the rest wait without
 * one. Each append is a transaction of its own, so a transient failure can be tried again on a fresh one.
 */
@Component
class AuditEvents {

    /** Appends per instance at once: appends of one merchant are serial anyway, and each takes milliseconds. */
    static final int CONCURRENT_APPENDS = 4;

    private static final int ATTEMPTS = 3;

    private final AuditChain chain;
    private final Semaphore appending = new Semaphore(CONCURRENT_APPENDS, true);

    AuditEvents(AuditChain chain) {
        this.chain = chain;
    }

    @Async
    @TransactionalEventListener
    void on(AuditedChange change) throws InterruptedException {
        appending.acquire();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    chain.append(change);
                    return;
                } catch (TransientDataAccessException busy) {
                    // A lock wait that timed out, a deadlock victim: worth another try on a new transaction. Past the
                    // last, the publication stays incomplete in the registry and is delivered again on restart.
                    if (attempt == ATTEMPTS) {
                        throw busy;
                    }
                }
            }
        } finally {
            appending.release();
        }
    }

    /**
     * Runs in the publisher's thread as it publishes. A change published outside a transaction would never reach
     * {@link #on} (an after-commit listener hears only what a transaction commits), so the publisher learns it at once
     * instead of the change going unrecorded.
     */
    @EventListener
    void requireTransaction(AuditedChange change) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("AuditedChange " + change.action() + " of " + change.subject()
                    + " was published outside a transaction; publish it in the transaction of the change");
        }
    }
}

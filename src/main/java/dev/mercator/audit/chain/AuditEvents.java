package dev.mercator.audit.chain;

import dev.mercator.audit.AuditedChange;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends what modules report. Each change reaches here after its publisher's transaction commits, through the event
 * publication registry, in a transaction of its own: the chain head's lock is held for this short append only, never
 * across the request that made the change. A delivery that fails, or that a crash interrupts, is made again; the
 * chain records each change once.
 */
@Component
class AuditEvents {

    private final AuditChain chain;

    AuditEvents(AuditChain chain) {
        this.chain = chain;
    }

    @ApplicationModuleListener
    void on(AuditedChange change) {
        chain.append(change);
    }

    /**
     * Runs in the publisher's thread as it publishes. A change published outside a transaction would never reach
     * {@link #on} (a transactional listener hears only what a transaction commits), so the publisher learns it at once
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

package dev.mercator.alerts.centre;

import dev.mercator.alerts.AlertCleared;
import dev.mercator.alerts.AlertRaised;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Records what modules raise and clear. Each event reaches here after its publisher's transaction commits, through the
 * event publication registry: one that fails, or that a crash interrupts, is delivered again (the book is idempotent).
 */
@Component
class AlertEvents {

    private final AlertBook book;

    AlertEvents(AlertBook book) {
        this.book = book;
    }

    @ApplicationModuleListener
    void on(AlertRaised raised) {
        book.raise(raised);
    }

    @ApplicationModuleListener
    void on(AlertCleared cleared) {
        book.clear(cleared);
    }
}

package dev.mercator.platform.events;

import dev.mercator.platform.work.PeriodicWorker;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.stereotype.Component;

/**
 * Resubmits event publications whose listener failed. Spring Modulith marks such a publication failed and, by itself,
 * retries it only at the next start: a listener that failed once on a live process (no database connection within
 * the pool's timeout while two thousand return alerts were raised at once, a deadlock victim) left its event undone
 * until a restart, and the merchant without the alert. Listeners must already be idempotent, since Modulith
 * republishes every outstanding publication at each start; only failed ones are resubmitted here, never one still
 * running.
 */
@Component
class FailedPublicationsRetry extends PeriodicWorker {

    private final FailedEventPublications failed;
    private final EventRetrySettings settings;

    FailedPublicationsRetry(FailedEventPublications failed, EventRetrySettings settings) {
        super("event-retry", settings.every());
        this.failed = failed;
        this.settings = settings;
    }

    @Override
    protected void runOnce() {
        failed.resubmit(
                ResubmissionOptions.defaults().withMinAge(settings.minAge()).withBatchSize(settings.batchSize()));
    }
}

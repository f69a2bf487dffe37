package dev.mercator.platform.events;

import dev.mercator.platform.work.PeriodicWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.modulith.events.EventPublication;
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

    private static final Duration MAX_WAIT = Duration.ofHours(1);

    private final FailedEventPublications failed;
    private final EventRetrySettings settings;
    private final Clock clock;

    FailedPublicationsRetry(FailedEventPublications failed, EventRetrySettings settings, Clock clock) {
        super("event-retry", settings.every());
        this.failed = failed;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void runOnce() {
        Instant now = clock.instant();
        failed.resubmit(ResubmissionOptions.defaults()
                .withMinAge(settings.minAge())
                .withBatchSize(settings.batchSize())
                .withFilter(publication -> due(publication, now)));
    }

    /**
     * Whether a failed publication is due again: the wait doubles with each attempt from {@code min-age}, up to an
     * hour, so an event that can never be handled (a poison message) is tried hourly rather than every pass.
     */
    boolean due(EventPublication publication, Instant now) {
        Instant last = publication.getLastResubmissionDate();
        Instant since = last != null ? last : publication.getPublicationDate();
        int attempts = Math.max(1, publication.getCompletionAttempts());
        Duration wait = settings.minAge().multipliedBy(1L << Math.min(attempts - 1, 20));
        if (wait.compareTo(MAX_WAIT) > 0) {
            wait = MAX_WAIT;
        }
        return !since.plus(wait).isAfter(now);
    }
}

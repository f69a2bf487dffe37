package dev.mercator.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A listener that fails on a live process gets its event again without a restart, and exactly as often as it takes:
 * once it has succeeded, the publication is complete and never resubmitted.
 */
@Import(FailedPublicationsRetryIntegrationTests.FlakyListener.class)
@TestPropertySource(properties = {"mercator.events.retry.every=300ms", "mercator.events.retry.min-age=0s"})
class FailedPublicationsRetryIntegrationTests extends IntegrationTest {

    /** An event of this test only. */
    public record Nudged(UUID id, int failuresFirst) {}

    @TestConfiguration(proxyBeanMethods = false)
    static class FlakyListener {

        final Map<UUID, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Map<UUID, AtomicInteger> successes = new ConcurrentHashMap<>();

        @ApplicationModuleListener
        void on(Nudged event) {
            int call =
                    calls.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
            if (call <= event.failuresFirst()) {
                // As a listener fails when no pooled connection frees up in time.
                throw new IllegalStateException("transient failure " + call);
            }
            successes.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
        }

        // Read through methods: the bean is proxied (asynchronous listener), and a proxy's own fields are empty.
        public int calls(UUID id) {
            AtomicInteger count = calls.get(id);
            return count == null ? 0 : count.get();
        }

        public int successes(UUID id) {
            AtomicInteger count = successes.get(id);
            return count == null ? 0 : count.get();
        }
    }

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    FlakyListener listener;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FailedPublicationsRetry retry;

    @Test
    void aListenerThatFailedIsRunAgainUntilItSucceedsAndThenNeverAgain() {
        Nudged event = new Nudged(UUID.randomUUID(), 2);

        transactions.executeWithoutResult(status -> events.publishEvent(event));

        await().atMost(Duration.ofSeconds(30)).until(() -> listener.successes(event.id()) == 1);
        assertThat(listener.calls(event.id())).isEqualTo(3);
        // Complete publications are deleted (completion-mode: delete): none of this event is left to resubmit.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select count(*) from event_publication where serialized_event like :id")
                                .param("id", "%" + event.id() + "%")
                                .query(Long.class)
                                .single()
                        == 0);
        // More passes of the retry worker find nothing of it to resubmit: the listener is not called again.
        for (int i = 0; i < 3; i++) {
            retry.runOnce();
        }
        assertThat(listener.calls(event.id())).isEqualTo(3);
        assertThat(listener.successes(event.id())).isEqualTo(1);
    }
}

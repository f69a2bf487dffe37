package dev.mercator.inventory.shopify;

import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for the webhook intake. A request thread hands its verified, parsed webhook to a committer and waits;
 * the committer records every webhook waiting at that moment in one transaction and answers each when the commit has
 * returned. One commit (one WAL flush, one connection checkout) then serves a whole group, so the intake's rate is no
 * longer one synchronous commit per webhook; at low load a group is a single webhook and nothing waits to fill it.
 *
 * <p>A webhook is answered with its outcome only after its group committed; if the group fails, each of its webhooks
 * is recorded again alone, so one bad webhook (a quantity out of range, a deadlock) fails only itself. A process killed
 * mid-commit has answered none of the group: the commit either happened (Shopify's redelivery is then a duplicate)
 * or not (the redelivery is new). The queue is bounded: when it is full the answer is 503 with Retry-After, and
 * Shopify delivers again later.
 */
@Component
class WebhookGroupCommit implements SmartLifecycle {

    /** Gauge: webhooks inside a group's transaction right now (committed or failed, they leave it). */
    static final String COMMITTING = "mercator.webhooks.committing";

    private static final Logger log = LoggerFactory.getLogger(WebhookGroupCommit.class);
    private static final long RETRY_AFTER_SECONDS = 1;

    private record Waiting(
            ShopifyWebhookIntake.Delivery delivery, CompletableFuture<ShopifyWebhookIntake.Outcome> answer) {}

    private final ShopifyWebhookIntake intake;
    private final TransactionTemplate transactions;
    private final WebhookIntakeSettings settings;
    private final BlockingQueue<Waiting> queue;
    private final List<Thread> committers = new ArrayList<>();
    private final AtomicInteger committing = new AtomicInteger();
    private final DistributionSummary groupSizes;
    private volatile boolean running;

    WebhookGroupCommit(
            ShopifyWebhookIntake intake,
            PlatformTransactionManager transactions,
            WebhookIntakeSettings settings,
            MeterRegistry meters) {
        this.intake = intake;
        this.transactions = new TransactionTemplate(transactions);
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queue());
        this.groupSizes = DistributionSummary.builder("mercator.webhooks.group.size")
                .description("Webhooks recorded per transaction")
                .register(meters);
        Gauge.builder(COMMITTING, committing, AtomicInteger::get)
                .description("Webhooks inside a group's transaction right now")
                .register(meters);
        Gauge.builder("mercator.webhooks.queued", queue, BlockingQueue::size)
                .description("Verified webhooks waiting for a committer")
                .register(meters);
    }

    /** Records the webhook with the next group and returns its outcome once that group is committed. */
    ShopifyWebhookIntake.Outcome commit(ShopifyWebhookIntake.Delivery delivery) {
        Waiting waiting = new Waiting(delivery, new CompletableFuture<>());
        if (!running || !queue.offer(waiting)) {
            throw busy("Webhook intake is at capacity; retry after " + RETRY_AFTER_SECONDS + " s");
        }
        try {
            // A virtual thread parks here without holding its carrier.
            return waiting.answer().get(settings.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("Webhook commit failed", failed.getCause());
        } catch (TimeoutException slow) {
            throw busy("Webhook not committed in time; retry after " + RETRY_AFTER_SECONDS + " s");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw busy("Interrupted while the webhook was committed");
        }
    }

    private static ApiProblem busy(String detail) {
        return new ApiProblem(ProblemType.UNAVAILABLE, detail).with("retryAfterSeconds", RETRY_AFTER_SECONDS);
    }

    private void run() {
        List<Waiting> group = new ArrayList<>(settings.maxGroup());
        while (running) {
            Waiting first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException stopping) {
                break;
            }
            if (first == null) {
                continue;
            }
            group.add(first);
            // Whatever queued while the previous group committed goes together; nothing waits for a group to fill.
            queue.drainTo(group, settings.maxGroup() - 1);
            try {
                commit(group);
            } catch (RuntimeException | Error unexpected) {
                group.forEach(waiting -> waiting.answer().completeExceptionally(unexpected));
                log.error("Webhook committer failed", unexpected);
            }
            group.clear();
        }
    }

    private void commit(List<Waiting> group) {
        List<ShopifyWebhookIntake.Outcome> outcomes;
        committing.addAndGet(group.size());
        try {
            outcomes = transactions.execute(status ->
                    intake.record(group.stream().map(Waiting::delivery).toList()));
        } catch (RuntimeException failed) {
            committing.addAndGet(-group.size());
            if (group.size() == 1) {
                group.getFirst().answer().completeExceptionally(failed);
            } else {
                // One webhook's failure must not fail the others: each is recorded again on its own.
                group.forEach(waiting -> commit(List.of(waiting)));
            }
            return;
        }
        committing.addAndGet(-group.size());
        groupSizes.record(group.size());
        for (int i = 0; i < group.size(); i++) {
            group.get(i).answer().complete(outcomes.get(i));
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < settings.committers(); i++) {
            Thread committer =
                    Thread.ofPlatform().name("webhook-commit-" + i).daemon().start(this::run);
            committers.add(committer);
        }
    }

    /**
     * Below the web server's own phase (graceful shutdown at {@code DEFAULT_PHASE - 1024}, start and stop at {@code -
     * 2048}): committers run before the first request is served and stop only after the server has drained, so the
     * groups its last requests wait for still commit.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public void stop() {
        running = false;
        for (Thread committer : committers) {
            try {
                committer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        committers.clear();
        List<Waiting> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(waiting -> waiting.answer().completeExceptionally(busy("Shutting down; retry later")));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

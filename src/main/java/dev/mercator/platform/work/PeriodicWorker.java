package dev.mercator.platform.work;

import dev.mercator.platform.health.ComponentHealth;
import dev.mercator.platform.health.ComponentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Base of every background job: {@link #runOnce()} on a thread of the worker's own, again and again with a fixed delay
 * between the end of one run and the start of the next, so runs never overlap and a slow run delays rather than piles
 * up work.
 *
 * <p>The end of a run is the only safe point: stopping waits for the current run to finish and cancels the next one,
 * so a run is never cut off half-way during a normal shutdown. Only if a run outlasts {@link #stopTimeout()} is its
 * thread interrupted, so a stuck run cannot hold the shutdown hostage.
 *
 * <p>A failing run is logged and counted and the next one runs as planned; the worker reports itself in {@code
 * /health/detailed} as {@code worker:<name>}, down while its last run failed or when no run has completed for {@link
 * #staleAfterIntervals()} intervals.
 */
public abstract class PeriodicWorker implements SmartLifecycle, ComponentHealth {

    /**
     * The phase of the web server's graceful shutdown: workers stop at the same time, so in-flight requests and runs
     * drain in parallel and both are done before the database pool and other beans are destroyed.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private static final Logger log = LoggerFactory.getLogger(PeriodicWorker.class);
    private static final int MAX_ERROR_LENGTH = 300;

    private final String name;
    private final Duration interval;
    private final InstantSource clock;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Object lifecycle = new Object();

    private @Nullable ScheduledExecutorService executor;
    private volatile boolean running;
    private volatile @Nullable Instant startedAt;
    private volatile @Nullable Instant lastRunAt;
    private volatile @Nullable Duration lastRunTook;
    private volatile boolean lastRunFailed;
    private volatile @Nullable String lastError;
    private volatile @Nullable Instant lastErrorAt;

    protected PeriodicWorker(String name, Duration interval) {
        this(name, interval, InstantSource.system());
    }

    /** With a clock of the test's choosing, so staleness can be shown without waiting for it. */
    protected PeriodicWorker(String name, Duration interval, InstantSource clock) {
        if (name.isBlank() || !name.strip().equals(name)) {
            throw new IllegalArgumentException("A worker needs a name without surrounding spaces");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("Worker " + name + " needs a positive interval, was " + interval);
        }
        this.name = name;
        this.interval = interval;
        this.clock = clock;
    }

    /** One unit of work. May throw: the failure is logged and counted, and the next run happens as planned. */
    protected abstract void runOnce() throws Exception;

    /** How long after start-up the first run begins. */
    protected Duration initialDelay() {
        return Duration.ZERO;
    }

    /** How long stopping waits for the current run before interrupting it. */
    protected Duration stopTimeout() {
        return Duration.ofSeconds(20);
    }

    /** How many intervals may pass without a completed run before the worker reports itself down. */
    protected int staleAfterIntervals() {
        return 3;
    }

    public final String workerName() {
        return name;
    }

    public final Duration interval() {
        return interval;
    }

    public final long runs() {
        return runs.get();
    }

    public final long failures() {
        return failures.get();
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (executor != null) {
                return;
            }
            // A platform daemon thread: named in thread dumps, and unable to keep the JVM alive if a run ignores the
            // interrupt at the end of the stop timeout.
            ScheduledExecutorService created = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("worker-" + name).daemon(true).factory());
            startedAt = clock.instant();
            running = true;
            // The future is not kept: runSafely catches every failure, and stop() ends the executor itself.
            @SuppressWarnings("FutureReturnValueIgnored")
            var unused = created.scheduleWithFixedDelay(
                    this::runSafely, initialDelay().toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
            executor = created;
            log.info("Worker {} started (every {})", name, interval);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (lifecycle) {
            stopping = executor;
            executor = null;
            running = false;
        }
        if (stopping == null) {
            return;
        }
        // shutdown() cancels the next scheduled run but lets the current one carry on to its end: the safe point.
        stopping.shutdown();
        Duration timeout = stopTimeout();
        try {
            if (!stopping.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                log.warn("Worker {} did not finish its run within {}; interrupting it", name, timeout);
                stopping.shutdownNow();
                if (!stopping.awaitTermination(1, TimeUnit.SECONDS)) {
                    log.warn("Worker {} ignored the interrupt; leaving its daemon thread behind", name);
                }
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("Worker {} stopped after {} runs ({} failed)", name, runs.get(), failures.get());
    }

    @Override
    public void stop(Runnable callback) {
        // Stopping can wait for a run; doing it off the lifecycle thread lets every worker and the web server's
        // graceful shutdown drain at the same time instead of one after another.
        Thread.ofPlatform().name("worker-" + name + "-stop").start(() -> {
            try {
                stop();
            } finally {
                callback.run();
            }
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void runSafely() {
        Instant began = clock.instant();
        try {
            runOnce();
            lastRunFailed = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(e, began);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError fatal) {
                // The JVM is in no state to carry on as if nothing happened.
                throw fatal;
            }
            failed(e, began);
        } finally {
            Instant ended = clock.instant();
            lastRunTook = Duration.between(began, ended);
            lastRunAt = ended;
            runs.incrementAndGet();
        }
    }

    private void failed(Throwable e, Instant began) {
        failures.incrementAndGet();
        lastRunFailed = true;
        lastErrorAt = began;
        lastError = describe(e);
        if (e instanceof InterruptedException) {
            log.warn("Worker {} run was interrupted", name);
        } else {
            log.error("Worker {} run failed", name, e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank()
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "…" : text;
    }

    @Override
    public final String name() {
        return "worker:" + name;
    }

    /** A background worker falling behind degrades the service but does not stop it serving requests. */
    @Override
    public boolean critical() {
        return false;
    }

    @Override
    public ComponentStatus check() {
        Map<String, Object> facts = facts();
        if (!running) {
            return new ComponentStatus(false, "not running", facts);
        }
        if (lastRunFailed) {
            return new ComponentStatus(false, "last run failed: " + lastError, facts);
        }
        @Nullable Instant lastRun = lastRunAt;
        @Nullable Instant since = lastRun != null ? lastRun : startedAt;
        Duration allowed = interval.multipliedBy(staleAfterIntervals());
        if (lastRun == null) {
            allowed = allowed.plus(initialDelay());
        }
        if (since != null && Duration.between(since, clock.instant()).compareTo(allowed) > 0) {
            return new ComponentStatus(false, "no run completed for over " + allowed, facts);
        }
        return new ComponentStatus(true, lastRun == null ? "started; first run pending" : "last run succeeded", facts);
    }

    private Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("runs", runs.get());
        facts.put("failures", failures.get());
        facts.put("intervalMs", interval.toMillis());
        @Nullable Instant lastRun = lastRunAt;
        if (lastRun != null) {
            facts.put("lastRunAt", lastRun.toString());
        }
        @Nullable Duration took = lastRunTook;
        if (took != null) {
            facts.put("lastRunMs", took.toMillis());
        }
        @Nullable String error = lastError;
        @Nullable Instant errorAt = lastErrorAt;
        if (error != null && errorAt != null) {
            facts.put("lastError", error);
            facts.put("lastErrorAt", errorAt.toString());
        }
        // Insertion order kept, so the facts read the same way in every report.
        return Collections.unmodifiableMap(facts);
    }
}

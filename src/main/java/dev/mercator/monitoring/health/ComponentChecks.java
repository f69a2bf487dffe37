package dev.mercator.monitoring.health;

import dev.mercator.platform.health.ComponentHealth;
import dev.mercator.platform.health.ComponentStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs every enabled {@link ComponentHealth} at once, each on a virtual thread of its own, and waits for each no longer
 * than the check timeout: a component that hangs is reported down instead of hanging the report. A check still running
 * from an earlier report is waited on again rather than started twice, so a hung component ties up one thread, not one
 * per request.
 */
@Component
class ComponentChecks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ComponentChecks.class);

    private final Supplier<List<ComponentHealth>> components;
    private final Duration timeout;
    private final InstantSource clock;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("health-check-", 0).factory());
    private final Map<String, CompletableFuture<ComponentStatus>> inFlight = new ConcurrentHashMap<>();

    @Autowired
    ComponentChecks(ObjectProvider<ComponentHealth> components, HealthCheckSettings settings) {
        this(() -> components.orderedStream().toList(), settings.checkTimeout(), InstantSource.system());
    }

    ComponentChecks(Supplier<List<ComponentHealth>> components, Duration timeout, InstantSource clock) {
        this.components = components;
        this.timeout = timeout;
        this.clock = clock;
    }

    HealthReport checkAll() {
        List<ComponentHealth> enabled = components.get().stream()
                .filter(ComponentHealth::enabled)
                .sorted(Comparator.comparing(ComponentHealth::name))
                .toList();
        Map<ComponentHealth, CompletableFuture<ComponentStatus>> started = new LinkedHashMap<>();
        for (ComponentHealth component : enabled) {
            started.put(component, start(component));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, HealthReport.Component> results = new LinkedHashMap<>();
        for (var entry : started.entrySet()) {
            ComponentHealth component = entry.getKey();
            ComponentStatus status = await(component, entry.getValue(), deadline);
            results.put(
                    component.name(),
                    new HealthReport.Component(
                            status.up() ? HealthReport.State.UP : HealthReport.State.DOWN,
                            component.critical(),
                            status.detail(),
                            status.facts()));
        }
        return new HealthReport(overall(enabled, results), results, clock.instant());
    }

    private CompletableFuture<ComponentStatus> start(ComponentHealth component) {
        return inFlight.compute(
                component.name(),
                (name, previous) -> previous != null && !previous.isDone()
                        ? previous
                        : CompletableFuture.supplyAsync(component::check, threads));
    }

    private ComponentStatus await(ComponentHealth component, CompletableFuture<ComponentStatus> check, long deadline) {
        try {
            long remaining = Math.max(0, deadline - System.nanoTime());
            ComponentStatus status = check.get(remaining, TimeUnit.NANOSECONDS);
            return Objects.requireNonNullElseGet(status, () -> ComponentStatus.down("check returned nothing"));
        } catch (TimeoutException e) {
            log.warn("Health check of {} gave no answer within {}", component.name(), timeout);
            return ComponentStatus.down("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            // A check must not throw; one that does is reported without its message, which may carry internals.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.warn("Health check of {} threw", component.name(), cause);
            return ComponentStatus.down("check failed: " + cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ComponentStatus.down("check interrupted");
        }
    }

    private static HealthReport.Overall overall(
            List<ComponentHealth> components, Map<String, HealthReport.Component> results) {
        HealthReport.Overall overall = HealthReport.Overall.UP;
        for (ComponentHealth component : components) {
            HealthReport.Component result = results.get(component.name());
            if (result == null || result.status() == HealthReport.State.UP) {
                continue;
            }
            if (component.critical()) {
                return HealthReport.Overall.DOWN;
            }
            overall = HealthReport.Overall.DEGRADED;
        }
        return overall;
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }
}

package dev.mercator.monitoring.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.platform.health.ComponentHealth;
import dev.mercator.platform.health.ComponentStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ComponentChecksTests {

    private final CountDownLatch never = new CountDownLatch(1);
    private ComponentChecks checks;

    @AfterEach
    void releaseHungChecks() {
        never.countDown();
        if (checks != null) {
            checks.destroy();
        }
    }

    @Test
    void allUpIsUp() {
        HealthReport report = checkAll(fixed("database", true, true), fixed("redis", false, true));

        assertThat(report.status()).isEqualTo(HealthReport.Overall.UP);
        assertThat(report.components()).containsOnlyKeys("database", "redis");
    }

    @Test
    void nonCriticalDownIsDegraded() {
        HealthReport report = checkAll(fixed("database", true, true), fixed("redis", false, false));

        assertThat(report.status()).isEqualTo(HealthReport.Overall.DEGRADED);
        assertThat(report.components().get("redis").status()).isEqualTo(HealthReport.State.DOWN);
        assertThat(report.components().get("redis").critical()).isFalse();
    }

    @Test
    void criticalDownIsDownWhateverElse() {
        HealthReport report = checkAll(fixed("database", true, false), fixed("redis", false, false));

        assertThat(report.status()).isEqualTo(HealthReport.Overall.DOWN);
    }

    @Test
    void disabledComponentsAreLeftOut() {
        ComponentHealth disabled = new Fixed("redis", false, ComponentStatus.down("not configured"), false);

        HealthReport report = checkAll(fixed("database", true, true), disabled);

        assertThat(report.status()).isEqualTo(HealthReport.Overall.UP);
        assertThat(report.components()).containsOnlyKeys("database");
    }

    @Test
    void hungCheckIsReportedDownAndTheReportStillAnswers() {
        AtomicInteger started = new AtomicInteger();
        ComponentHealth hung = new Fixed("provider:slow", false, null, true) {
            @Override
            public ComponentStatus check() {
                started.incrementAndGet();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ComponentStatus.up("too late");
            }
        };
        checks = new ComponentChecks(() -> List.of(hung), Duration.ofMillis(100), InstantSource.system());

        HealthReport first = checks.checkAll();
        HealthReport second = checks.checkAll();

        assertThat(first.status()).isEqualTo(HealthReport.Overall.DEGRADED);
        assertThat(first.components().get("provider:slow").detail()).isEqualTo("no answer within 100 ms");
        assertThat(second.components().get("provider:slow").status()).isEqualTo(HealthReport.State.DOWN);
        // The second report waited on the first, still running check instead of starting another one.
        assertThat(started).hasValue(1);
    }

    @Test
    void checkThatThrowsIsDownWithoutItsMessage() {
        ComponentHealth throwing = new Fixed("provider:broken", false, null, true) {
            @Override
            public ComponentStatus check() {
                throw new IllegalStateException("password=hunter2");
            }
        };

        HealthReport report = checkAll(fixed("database", true, true), throwing);

        assertThat(report.components().get("provider:broken").detail())
                .isEqualTo("check failed: IllegalStateException");
    }

    @Test
    void checksRunInParallel() {
        // Two checks that each wait for the other to have started can only both finish if they run at once.
        CountDownLatch bothStarted = new CountDownLatch(2);
        Supplier<ComponentStatus> rendezvous = () -> {
            bothStarted.countDown();
            try {
                return bothStarted.await(5, java.util.concurrent.TimeUnit.SECONDS)
                        ? ComponentStatus.up("met")
                        : ComponentStatus.down("alone");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ComponentStatus.down("interrupted");
            }
        };
        checks = new ComponentChecks(
                () -> List.of(new Suppling("a", rendezvous), new Suppling("b", rendezvous)),
                Duration.ofSeconds(10),
                InstantSource.system());

        HealthReport report = checks.checkAll();

        assertThat(report.status()).isEqualTo(HealthReport.Overall.UP);
    }

    private HealthReport checkAll(ComponentHealth... components) {
        checks = new ComponentChecks(() -> List.of(components), Duration.ofSeconds(5), InstantSource.system());
        return checks.checkAll();
    }

    private static ComponentHealth fixed(String name, boolean critical, boolean up) {
        return new Fixed(name, critical, up ? ComponentStatus.up("fine") : ComponentStatus.down("broken"), true);
    }

    private static class Fixed implements ComponentHealth {
        private final String name;
        private final boolean critical;
        private final ComponentStatus status;
        private final boolean enabled;

        Fixed(String name, boolean critical, ComponentStatus status, boolean enabled) {
            this.name = name;
            this.critical = critical;
            this.status = status;
            this.enabled = enabled;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean critical() {
            return critical;
        }

        @Override
        public boolean enabled() {
            return enabled;
        }

        @Override
        public ComponentStatus check() {
            return status;
        }
    }

    private record Suppling(String name, Supplier<ComponentStatus> status) implements ComponentHealth {
        @Override
        public boolean critical() {
            return false;
        }

        @Override
        public ComponentStatus check() {
            return status.get();
        }
    }
}

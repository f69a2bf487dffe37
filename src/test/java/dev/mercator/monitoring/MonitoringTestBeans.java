package dev.mercator.monitoring;

import dev.mercator.platform.health.ComponentHealth;
import dev.mercator.platform.health.ComponentStatus;
import dev.mercator.platform.work.PeriodicWorker;
import java.time.Duration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Test-only parts for the monitoring suites; never component-scanned, only imported. */
@TestConfiguration(proxyBeanMethods = false)
public class MonitoringTestBeans {

    static final int SLOW_THRESHOLD_MS = 50;
    /** Comfortably past the threshold: a sleep never returns early, so the request is always slow. */
    static final int SLOW_ENDPOINT_MS = 200;

    @Bean
    SwitchableComponent switchableComponent() {
        return new SwitchableComponent();
    }

    @Bean
    TickingWorker tickingWorker() {
        return new TickingWorker();
    }

    /** Endpoints that answer, fail or dawdle on demand. Not under /api, so no credentials are needed. */
    @RestController
    static class TestEndpoints {

        @GetMapping("/test/ok")
        String ok() {
            return "ok";
        }

        @GetMapping("/test/boom")
        String boom() {
            throw new IllegalStateException("a test failure");
        }

        @GetMapping("/test/slow/{id}")
        String slow(@PathVariable String id) throws InterruptedException {
            // Slowness is what this endpoint is for: the slow-request log and timings measure a real wait.
            Thread.sleep(SLOW_ENDPOINT_MS);
            return "slow " + id;
        }
    }

    /** A non-critical component a test can take down and bring back. */
    public static class SwitchableComponent implements ComponentHealth {

        private volatile boolean up = true;

        public void up(boolean up) {
            this.up = up;
        }

        @Override
        public String name() {
            return "test:switchable";
        }

        @Override
        public boolean critical() {
            return false;
        }

        @Override
        public ComponentStatus check() {
            return up ? ComponentStatus.up("fine") : ComponentStatus.down("switched off by a test");
        }
    }

    /** A worker that runs once at start-up and then rarely; enough to appear in the health report. */
    static class TickingWorker extends PeriodicWorker {

        TickingWorker() {
            super("test-ticker", Duration.ofHours(1));
        }

        @Override
        protected void runOnce() {}
    }
}

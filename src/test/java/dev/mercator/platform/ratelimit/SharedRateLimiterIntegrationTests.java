package dev.mercator.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SharedRateLimiterIntegrationTests extends IntegrationTest {

    @Autowired
    SharedRateLimiter limiter;

    @Test
    void burstIsGrantedThenCallersMustWait() {
        String key = "test:" + UUID.randomUUID();
        // A very slow refill keeps the assertion independent of how fast this machine runs.
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(key, 0.001, 5)).isZero();
        }

        Duration wait = limiter.tryAcquire(key, 0.001, 5);

        assertThat(wait).isPositive();
        assertThat(limiter.tryAcquire(key, 0.001, 5)).isPositive();
    }

    @Test
    void concurrentCallersNeverShareATokenOverTheBurst() throws Exception {
        String key = "test:" + UUID.randomUUID();
        int granted = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Duration>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(pool.submit(() -> limiter.tryAcquire(key, 0.001, 10)));
            }
            for (Future<Duration> call : calls) {
                if (call.get().isZero()) {
                    granted++;
                }
            }
        }

        assertThat(granted).isEqualTo(10);
    }
}

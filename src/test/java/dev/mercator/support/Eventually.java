package dev.mercator.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Awaits a condition that a test then asserts in detail. A timeout is not a failure here: the test's own assertions
 * that follow say which part did not converge, which a bare timeout cannot.
 */
public final class Eventually {

    private Eventually() {}

    /** Whether {@code condition} held within {@code atMost}, checked every {@code every}. */
    public static boolean holds(Duration atMost, Duration every, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(every).until(condition);
            return true;
        } catch (ConditionTimeoutException notYet) {
            return false;
        }
    }
}

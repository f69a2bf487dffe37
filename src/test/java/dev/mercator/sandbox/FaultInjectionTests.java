package dev.mercator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.sandbox.FaultInjection.Fault;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class FaultInjectionTests {

    @Test
    void noFaultsNeverRollTheDice() {
        assertThat(FaultInjection.pick(Faults.NONE, LoadedDice.rolling())).isEqualTo(Fault.NONE);
    }

    @Test
    void ratesFireBelowTheRollAndNotAtIt() {
        Faults halfThrottled = new Faults(0, 0, 0.5, 0, false, 1, 0);

        assertThat(FaultInjection.pick(halfThrottled, LoadedDice.rolling(0.49))).isEqualTo(Fault.THROTTLE);
        assertThat(FaultInjection.pick(halfThrottled, LoadedDice.rolling(0.5))).isEqualTo(Fault.NONE);
    }

    @Test
    void rateOneAlwaysFiresEvenOnTheHighestRoll() {
        double highest = Math.nextDown(1.0);

        assertThat(FaultInjection.pick(new Faults(0, 1.0, 0, 0, false, 1, 0), LoadedDice.rolling(highest)))
                .isEqualTo(Fault.SERVER_ERROR);
        assertThat(FaultInjection.pick(new Faults(0, 0, 1.0, 0, false, 1, 0), LoadedDice.rolling(highest)))
                .isEqualTo(Fault.THROTTLE);
    }

    @Test
    void throttlingIsDecidedBeforeErrorsAndAnOutageBeforeBoth() {
        assertThat(FaultInjection.pick(new Faults(0, 1.0, 1.0, 0, false, 1, 0), LoadedDice.rolling(0.0)))
                .isEqualTo(Fault.THROTTLE);
        assertThat(FaultInjection.pick(new Faults(0, 1.0, 1.0, 0, true, 1, 0), LoadedDice.rolling()))
                .isEqualTo(Fault.OUTAGE);
        // A throttle roll that misses still leaves the error roll.
        assertThat(FaultInjection.pick(new Faults(0, 0.5, 0.5, 0, false, 1, 0), LoadedDice.rolling(0.9, 0.1)))
                .isEqualTo(Fault.SERVER_ERROR);
    }

    @Test
    void aBadRequestIsDecidedAfterTheThrottleAndBeforeServerErrors() {
        assertThat(FaultInjection.pick(new Faults(0, 1.0, 0, 1.0, false, 1, 0), LoadedDice.rolling(0.0)))
                .isEqualTo(Fault.BAD_REQUEST);
        assertThat(FaultInjection.pick(new Faults(0, 0, 0.5, 0.5, false, 1, 0), LoadedDice.rolling(0.9, 0.1)))
                .isEqualTo(Fault.BAD_REQUEST);
        assertThat(FaultInjection.pick(new Faults(0, 0, 1.0, 1.0, false, 1, 0), LoadedDice.rolling(0.0)))
                .isEqualTo(Fault.THROTTLE);
    }

    @Test
    void limitedFaultsAreSpentThenClearThemselves() {
        SandboxFaults faults = new SandboxFaults();
        faults.set("ebay", new Faults(50, 0, 1.0, 0, false, 1, 2));

        assertThat(faults.spend("ebay")).isTrue();
        assertThat(faults.of("ebay").throttleRate()).isEqualTo(1.0);
        assertThat(faults.spend("ebay")).isTrue();
        assertThat(faults.of("ebay")).as("latency goes with them").isEqualTo(Faults.NONE);
        assertThat(faults.spend("ebay")).isFalse();

        faults.set("ebay", new Faults(0, 0, 1.0, 0, false, 1, 0));
        for (int i = 0; i < 100; i++) {
            assertThat(faults.spend("ebay")).as("unlimited").isTrue();
        }
    }

    @Test
    void theProviderIsTheFirstPathSegmentUnderSandbox() {
        assertThat(FaultInjection.providerOf(new MockHttpServletRequest("GET", "/sandbox/heartbeat/v1/ping")))
                .contains("heartbeat");
        assertThat(FaultInjection.providerOf(new MockHttpServletRequest("GET", "/sandbox/heartbeat")))
                .contains("heartbeat");
        assertThat(FaultInjection.providerOf(new MockHttpServletRequest("GET", "/api/me")))
                .isEmpty();
    }

    /** Dice that roll the given values in order and fail the test if rolled once more. */
    private static final class LoadedDice implements RandomGenerator {

        private final Deque<Double> rolls;

        private LoadedDice(List<Double> rolls) {
            this.rolls = new ArrayDeque<>(rolls);
        }

        static LoadedDice rolling(Double... rolls) {
            return new LoadedDice(List.of(rolls));
        }

        @Override
        public double nextDouble() {
            if (rolls.isEmpty()) {
                throw new AssertionError("the dice were rolled more often than expected");
            }
            return rolls.pop();
        }

        @Override
        public long nextLong() {
            throw new AssertionError("only nextDouble() decides faults");
        }
    }
}

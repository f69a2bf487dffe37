package dev.mercator.sandbox.webhooks;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The receiver's bins by name: what each recorded, its signing secret, and the faults armed on it. In memory. */
@Component
@ConditionalOnSandbox
class ReceiverBins {

    static final int CAPACITY = 1_000;

    /**
     * One request as it arrived.
     *
     * @param signature {@code valid}, {@code invalid: <why>}, or {@code unchecked} when the bin has no secret
     * @param answered the status the receiver answered with
     */
    record Recorded(
            Instant receivedAt, Map<String, List<String>> headers, String body, String signature, int answered) {}

    /** A status to answer instead of 200 for the next {@code left} requests, or a stall before the 200. */
    record Fault(
            int status,
            @Nullable Long retryAfterSeconds,
            @Nullable Duration stall,
            int left) {}

    static final class Bin {
        private final List<Recorded> requests = new ArrayList<>();
        private @Nullable StandardWebhooksVerifier verifier;
        private @Nullable Fault fault;
        private long generation;

        synchronized void record(Recorded request) {
            if (requests.size() >= CAPACITY) {
                requests.removeFirst();
            }
            requests.add(request);
        }

        synchronized List<Recorded> requests() {
            return List.copyOf(requests);
        }

        synchronized @Nullable StandardWebhooksVerifier verifier() {
            return verifier;
        }

        synchronized void verifyWith(StandardWebhooksVerifier verifier) {
            this.verifier = verifier;
        }

        synchronized void arm(Fault fault) {
            this.fault = fault;
        }

        /** The fault for this request, if one is armed; spends one. */
        synchronized @Nullable Fault take() {
            Fault armed = fault;
            if (armed == null) {
                return null;
            }
            fault = armed.left() > 1
                    ? new Fault(armed.status(), armed.retryAfterSeconds(), armed.stall(), armed.left() - 1)
                    : null;
            return armed;
        }

        /** Holds the caller for {@code stall}, or until the bin is reset. */
        synchronized void stall(Duration stall) throws InterruptedException {
            long seen = generation;
            long deadline = System.nanoTime() + stall.toNanos();
            long left;
            while (seen == generation && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized void reset() {
            requests.clear();
            verifier = null;
            fault = null;
            generation++;
            notifyAll();
        }
    }

    private final Map<String, Bin> bins = new ConcurrentHashMap<>();

    Bin bin(String name) {
        return bins.computeIfAbsent(name, unused -> new Bin());
    }
}

package dev.mercator.sandbox.smtp;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The faults the SMTP server answers with, set through {@code /sandbox/smtp/faults}: a reply to one recipient's {@code
 * RCPT TO} (a mailbox that is full, 452, or does not exist, 550), a reply to the end of DATA for the next messages
 * (451 local error, 554 rejected), or a stall after DATA (the message is taken, the reply held back past the client's
 * read timeout, then given: the outcome the client saw is unknown, though the message arrived). In memory, per
 * instance, gone after a restart, like the foundation's faults.
 */
@Component
@ConditionalOnSandbox
class SmtpFaults {

    /** An SMTP reply to send instead of accepting: its code (4xx or 5xx) and text. */
    record Reply(int code, String text) {

        Reply {
            if (code < 400 || code > 599) {
                throw new IllegalArgumentException("an SMTP refusal is a 4xx or 5xx reply, not " + code);
            }
        }
    }

    private record Counted<T>(T what, AtomicInteger left) {}

    private final Map<String, Reply> byRecipient = new ConcurrentHashMap<>();
    private final AtomicReference<@Nullable Counted<Reply>> nextMessages = new AtomicReference<>();
    private final AtomicReference<@Nullable Counted<Duration>> stalls = new AtomicReference<>();
    private final Object released = new Object();
    private volatile long generation;

    void refuseRecipient(String address, Reply reply) {
        byRecipient.put(normalise(address), reply);
    }

    void refuseNextMessages(int count, Reply reply) {
        nextMessages.set(new Counted<>(reply, new AtomicInteger(count)));
    }

    void stallNextMessages(int count, Duration stall) {
        stalls.set(new Counted<>(stall, new AtomicInteger(count)));
    }

    /** Clears every fault and releases the replies held back now. */
    void clear() {
        byRecipient.clear();
        nextMessages.set(null);
        stalls.set(null);
        synchronized (released) {
            generation++;
            released.notifyAll();
        }
    }

    Optional<Reply> forRecipient(String address) {
        return Optional.ofNullable(byRecipient.get(normalise(address)));
    }

    /** The reply to the end of this message's DATA, if the next messages are to be refused; spends one. */
    Optional<Reply> forMessage() {
        return spend(nextMessages);
    }

    /** Holds the reply to this message's DATA for the stall set, if any; spends one. Cut short by {@link #clear}. */
    void stallIfSet() throws InterruptedException {
        Optional<Duration> stall = spend(stalls);
        if (stall.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + stall.get().toNanos();
        synchronized (released) {
            long seen = generation;
            long left;
            while (seen == generation && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(released, left);
            }
        }
    }

    private static <T> Optional<T> spend(AtomicReference<@Nullable Counted<T>> slot) {
        Counted<T> counted = slot.get();
        if (counted == null) {
            return Optional.empty();
        }
        int left = counted.left().decrementAndGet();
        if (left <= 0) {
            slot.compareAndSet(counted, null);
        }
        return left >= 0 ? Optional.of(counted.what()) : Optional.empty();
    }

    private static String normalise(String address) {
        String bare = address.strip();
        if (bare.startsWith("<") && bare.endsWith(">")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        return bare.toLowerCase(Locale.ROOT);
    }
}

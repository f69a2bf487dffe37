package dev.mercator.sandbox.twilio;

import dev.mercator.sandbox.limits.SimulatorBuckets;
import io.github.bucket4j.Bucket;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A Twilio account: its credentials, the numbers it owns, its Messaging Service, its API rate, what becomes of
 * messages to given numbers (for tests), who opted out, and every message it accepted.
 */
final class SimulatedAccount {

    /** What the carrier does with a message to one number. */
    enum Fate {
        /** sent, then delivered */
        DELIVERED,
        /** sent, then undelivered with an error code (default 30003, unreachable handset) */
        UNDELIVERED,
        /** failed before leaving Twilio, with an error code (default 30008, unknown error) */
        FAILED,
        /** stays queued (no capacity) until its ValidityPeriod runs out: failed with 30036 */
        STUCK
    }

    record NumberFate(Fate fate, @Nullable String errorCode) {}

    /** One accepted message, as the Messages resource shows it. */
    static final class Message {
        final String sid;
        final String from;
        final String to;
        final String body;
        final String created;
        /** When the simulator took it, to the millisecond (Twilio's own dates are whole seconds): for benchmarks. */
        final java.time.Instant receivedAt;

        final @Nullable String statusCallback;
        final @Nullable String messagingService;
        volatile String status = "queued";
        volatile @Nullable String errorCode;

        Message(
                String sid,
                String from,
                String to,
                String body,
                String created,
                java.time.Instant receivedAt,
                @Nullable String statusCallback,
                @Nullable String messagingService) {
            this.sid = sid;
            this.from = from;
            this.to = to;
            this.body = body;
            this.created = created;
            this.receivedAt = receivedAt;
            this.statusCallback = statusCallback;
            this.messagingService = messagingService;
        }
    }

    final String sid;
    final String authToken;
    final String messagingServiceSid;
    /** An API key of the account ({@code SK…}) and its secret: Basic with these authenticates as the auth token does. */
    final String apiKeySid;

    final String apiKeySecret;
    final Set<String> numbers;
    final @Nullable String inboundUrl;
    final Bucket bucket;
    final Map<String, NumberFate> fates = new ConcurrentHashMap<>();
    final Set<String> optedOut = ConcurrentHashMap.newKeySet();
    final Map<String, Message> messages = new ConcurrentHashMap<>();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong callbacks = new AtomicLong();

    SimulatedAccount(
            String sid,
            String authToken,
            String messagingServiceSid,
            String apiKeySid,
            String apiKeySecret,
            Set<String> numbers,
            @Nullable String inboundUrl,
            double perSecond,
            int burst,
            InstantSource clock) {
        this.sid = sid;
        this.authToken = authToken;
        this.messagingServiceSid = messagingServiceSid;
        this.apiKeySid = apiKeySid;
        this.apiKeySecret = apiKeySecret;
        this.numbers = Set.copyOf(numbers);
        this.inboundUrl = inboundUrl;
        this.bucket = SimulatorBuckets.full(perSecond, burst, clock);
    }

    NumberFate fateOf(String to) {
        return fates.getOrDefault(to, new NumberFate(Fate.DELIVERED, null));
    }
}

package dev.mercator.notifications.ledger;

import dev.mercator.notifications.channel.SendOutcome;
import dev.mercator.notifications.destinations.Destinations;
import dev.mercator.platform.retry.Backoff;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one owner of a claimed delivery's transitions (ADR 21): every write is conditional on the claim's lease token,
 * so an instance whose lease ran out cannot overwrite the row another instance has since taken. A final state of a
 * digest's leading row is copied to the rows folded into it.
 */
@Component
class Outcomes {

    private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

    private final JdbcClient jdbc;
    private final NotificationSettings settings;
    private final Destinations destinations;
    private final Backoff backoff;

    Outcomes(JdbcClient jdbc, NotificationSettings settings, Destinations destinations) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.destinations = destinations;
        this.backoff = new Backoff(settings.retryBase(), settings.retryMax());
    }

    /** Just before the provider is called: counts the attempt and marks it in flight, committed before the call. */
    void countAttempt(UUID id, String token, Instant now) {
        jdbc.sql("""
                        update notification_deliveries set attempts = attempts + 1, in_flight = true, updated_at = :now,
                            first_attempt_at = coalesce(first_attempt_at, :now)
                        where id = :id and lease_owner = :token""")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("token", token)
                .update();
    }

    /** Not sent now (its rate bucket is held or busy): back to pending until then, no attempt spent. */
    void postpone(UUID id, String token, Instant until, Instant now) {
        update(id, token, "status = 'pending', next_attempt_at = :next", Map.of("next", Timestamp.from(until)), now);
    }

    void apply(Dispatcher.Claimed row, String token, SendOutcome outcome, boolean retriesUnknown, Instant now) {
        switch (outcome) {
            case SendOutcome.Accepted accepted -> {
                // Values bound rather than CASE over parameters: PostgreSQL cannot type a parameter inside a CASE.
                Map<String, Object> values = new HashMap<>();
                values.put("status", accepted.awaitsReceipt() ? "sent" : "delivered");
                values.put("provider", cut(accepted.providerMessageId(), 200));
                values.put("sentAt", Timestamp.from(now));
                finish(row.id(), token, accepted.awaitsReceipt() ? """
                                status = :status, provider_message_id = :provider, error_class = null,
                                last_error = null, sent_at = :sentAt""" : """
                                status = :status, provider_message_id = :provider, error_class = null,
                                last_error = null, sent_at = :sentAt, delivered_at = :sentAt""", values, now);
            }
            case SendOutcome.Transient failure ->
                retryOrDie(row, token, failure.errorClass(), failure.reason(), failure.retryAfter(), false, now);
            case SendOutcome.Permanent refused -> {
                fail(row.id(), token, refused.errorClass(), refused.reason(), now);
                if (refused.destinationGone()) {
                    destinations.disable(
                            row.destinationId(),
                            refused.reason(),
                            now,
                            dev.mercator.audit.AuditActor.system("notification-dispatcher"));
                    log.warn("Destination {} disabled: {}", row.destinationId(), refused.reason());
                }
            }
            case SendOutcome.Unknown unknown -> {
                if (retriesUnknown) {
                    retryOrDie(row, token, "unknown_outcome", unknown.reason(), null, true, now);
                } else {
                    // At most once (ADR 21): a message that may have gone out is not sent again.
                    fail(row.id(), token, "unknown_outcome", unknown.reason() + "; not sent again (at most once)", now);
                }
            }
        }
    }

    private void retryOrDie(
            Dispatcher.Claimed row,
            String token,
            String errorClass,
            String reason,
            @Nullable Duration retryAfter,
            boolean possibleDuplicate,
            Instant now) {
        record Tried(int attempts, Instant first) {}
        Tried tried = jdbc.sql("select attempts, first_attempt_at from notification_deliveries where id = :id")
                .param("id", row.id())
                .query((rs, n) -> new Tried(
                        rs.getInt(1),
                        rs.getTimestamp(2) == null ? now : rs.getTimestamp(2).toInstant()))
                .single();
        int attempts = tried.attempts();
        Instant first = tried.first();
        Duration wait = backoff.delay(Math.max(1, attempts));
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        Instant next = now.plus(wait);
        String duplicates = possibleDuplicate ? ", unknown_outcomes = unknown_outcomes + 1" : "";
        if (attempts >= settings.maxAttempts() || next.isAfter(first.plus(settings.maxSpan()))) {
            finish(
                    row.id(),
                    token,
                    "status = 'dead', error_class = :class, last_error = :reason" + duplicates,
                    Map.of(
                            "class",
                            cut(errorClass, 64),
                            "reason",
                            cut(reason + " (retry budget spent after " + attempts + " attempts)", 1000)),
                    now);
            return;
        }
        update(
                row.id(),
                token,
                "status = 'pending', next_attempt_at = :next, error_class = :class, last_error = :reason" + duplicates,
                Map.of("next", Timestamp.from(next), "class", cut(errorClass, 64), "reason", cut(reason, 1000)),
                now);
    }

    private void fail(UUID id, String token, String errorClass, String reason, Instant now) {
        finish(
                id,
                token,
                "status = 'failed', error_class = :class, last_error = :reason",
                Map.of("class", cut(errorClass, 64), "reason", cut(reason, 1000)),
                now);
    }

    /** A final state (or sent): the row and every row folded into it. */
    private void finish(UUID id, String token, String set, Map<String, Object> params, Instant now) {
        if (update(id, token, set, params, now)) {
            jdbc.sql("update notification_deliveries set " + set + ", updated_at = :now where folded_into = :id")
                    .params(params)
                    .param("now", Timestamp.from(now))
                    .param("id", id)
                    .update();
        }
    }

    private boolean update(UUID id, String token, String set, Map<String, Object> params, Instant now) {
        int updated = jdbc.sql("update notification_deliveries set " + set
                        + ", in_flight = false, lease_owner = null, lease_until = null, updated_at = :now"
                        + " where id = :id and lease_owner = :token")
                .params(params)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("token", token)
                .update();
        if (updated == 0) {
            log.warn("Delivery {}: its lease was lost before its outcome was recorded", id);
        }
        return updated == 1;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}

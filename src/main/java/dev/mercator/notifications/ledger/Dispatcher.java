package dev.mercator.notifications.ledger;

import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.ChannelSender;
import dev.mercator.notifications.channel.Notice;
import dev.mercator.notifications.channel.OutgoingMessage;
import dev.mercator.notifications.channel.Pace;
import dev.mercator.notifications.channel.SendOutcome;
import dev.mercator.notifications.channel.Target;
import dev.mercator.notifications.destinations.ChannelSenders;
import dev.mercator.notifications.destinations.Destination;
import dev.mercator.notifications.destinations.Destinations;
import dev.mercator.notifications.destinations.UnsubscribeLinks;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.crypto.UndecryptableSecretException;
import dev.mercator.platform.http.PublicUrl;
import dev.mercator.platform.ratelimit.SharedRateLimiter;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries. A pass claims due rows under a lease (a conditional update, so of several instances exactly
 * one wins each row; a row whose lease ran out, its instance having died, is claimed again), folds due digest rows of
 * one destination into one message, takes the destination's rate bucket, sends through the kind's {@link
 * ChannelSender} and applies the outcome ({@link Outcomes}). No transaction spans a provider call.
 */
@Component
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final JdbcClient jdbc;
    private final NotificationSettings settings;
    private final Destinations destinations;
    private final ChannelSenders senders;
    private final UnsubscribeLinks unsubscribe;
    private final RateHolds holds;
    private final Outcomes outcomes;
    private final DeliveryLedger ledger;
    private final PublicUrl publicUrl;
    private final SharedRateLimiter limiter;

    Dispatcher(
            JdbcClient jdbc,
            NotificationSettings settings,
            Destinations destinations,
            ChannelSenders senders,
            UnsubscribeLinks unsubscribe,
            RateHolds holds,
            Outcomes outcomes,
            DeliveryLedger ledger,
            PublicUrl publicUrl,
            SharedRateLimiter limiter) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.destinations = destinations;
        this.senders = senders;
        this.unsubscribe = unsubscribe;
        this.holds = holds;
        this.outcomes = outcomes;
        this.ledger = ledger;
        this.publicUrl = publicUrl;
        this.limiter = limiter;
    }

    /** A claimed row, as much of it as sending needs. */
    record Claimed(
            UUID id,
            MerchantId merchant,
            UUID destinationId,
            UUID alertId,
            String mode,
            boolean transactional,
            boolean inFlight,
            int attempts,
            String notice) {

        boolean digest() {
            return !mode.equals("immediate");
        }
    }

    /**
     * One pass over the deliveries due at {@code now}.
     *
     * @return how many were claimed
     */
    public int pass(Instant now) {
        String token = UUID.randomUUID().toString();
        List<Claimed> claimed = claim(token, now);
        for (Claimed row : claimed) {
            if (stillMine(row.id(), token)) {
                deliver(row, token, now);
            }
        }
        return claimed.size();
    }

    /** When the earliest pending delivery comes due (postponed by a pace or a hold, or waiting to be retried). */
    Optional<Instant> nextDue() {
        return jdbc.sql("""
                        select min(next_attempt_at) from notification_deliveries
                        where status = 'pending' and folded_into is null""")
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)))
                .single()
                .map(Timestamp::toInstant);
    }

    /**
     * Claims due rows without sending them, the earliest of each destination only. A destination's queue is served in
     * order, one message per pass: a backlog behind a paced destination (a Discord webhook's 27 a minute) waits where
     * it is instead of coming due, being claimed and being postponed again on every pass, which under a backlog of
     * thousands cost the dispatcher most of its time (outage benchmark). The worker passes again as soon as the next
     * row is due. Not sending them is what a dispatcher that dies right after its claim leaves behind.
     */
    List<Claimed> claim(String token, Instant now) {
        jdbc.sql("""
                        update notification_deliveries
                        set status = 'sending', lease_owner = :token, lease_until = :until, updated_at = :now
                        where id in (
                            select id from (
                                select id, next_attempt_at, row_number() over (
                                    partition by destination_id order by next_attempt_at, created_at, id) as place
                                from notification_deliveries
                                where folded_into is null
                                  and ((status in ('pending', 'held') and next_attempt_at <= :now)
                                    or (status = 'sending' and lease_until < :now))) due
                            where place = 1
                            order by next_attempt_at, id
                            limit :limit)
                          and folded_into is null
                          and ((status in ('pending', 'held') and next_attempt_at <= :now)
                            or (status = 'sending' and lease_until < :now))""")
                .param("token", token)
                .param("until", Timestamp.from(now.plus(settings.lease())))
                .param("now", Timestamp.from(now))
                .param("limit", settings.batchSize())
                .update();
        return jdbc.sql("""
                        select * from notification_deliveries where lease_owner = :token and status = 'sending'
                        order by next_attempt_at, id""")
                .param("token", token)
                .query((rs, n) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        new MerchantId(rs.getObject("merchant_id", UUID.class)),
                        rs.getObject("destination_id", UUID.class),
                        rs.getObject("alert_id", UUID.class),
                        rs.getString("mode"),
                        rs.getBoolean("transactional"),
                        rs.getBoolean("in_flight"),
                        rs.getInt("attempts"),
                        rs.getString("notice")))
                .list();
    }

    private boolean stillMine(UUID id, String token) {
        // A row of this pass may have been folded into a digest led by an earlier row of the same pass.
        return jdbc.sql("""
                                select count(*) from notification_deliveries
                                where id = :id and lease_owner = :token and status = 'sending'""")
                        .param("id", id)
                        .param("token", token)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Sends one claimed row and records what became of it; the outcome, or empty if it did not go out now. */
    Optional<SendOutcome> deliver(Claimed row, String token, Instant now) {
        if (row.inFlight()) {
            // Its last instance died between calling the provider and recording the answer: an unknown outcome.
            Optional<ChannelSender> sender = senders.find(kindOf(row));
            boolean retries = sender.map(ChannelSender::retriesUnknownOutcome).orElse(true);
            SendOutcome unknown =
                    new SendOutcome.Unknown("the instance sending it stopped before it recorded the outcome");
            outcomes.apply(row, token, unknown, retries, now);
            return Optional.of(unknown);
        }
        Optional<Destination> destination = destinations.find(row.merchant(), row.destinationId());
        if (destination.isEmpty() || !destination.get().enabled()) {
            String reason = destination.isEmpty()
                    ? "the destination was deleted"
                    : "the destination is disabled: " + destination.get().disabledReason();
            SendOutcome refused = new SendOutcome.Permanent("destination_disabled", reason, false);
            outcomes.apply(row, token, refused, false, now);
            return Optional.of(refused);
        }
        Optional<ChannelSender> sender = senders.find(kindOf(row));
        Optional<Target> target;
        try {
            target = destinations.target(row.merchant(), row.destinationId());
        } catch (UndecryptableSecretException e) {
            SendOutcome refused =
                    new SendOutcome.Permanent("secrets_unreadable", String.valueOf(e.getMessage()), false);
            outcomes.apply(row, token, refused, false, now);
            return Optional.of(refused);
        }
        if (sender.isEmpty() || target.isEmpty()) {
            SendOutcome missing = sender.isEmpty()
                    ? new SendOutcome.Transient(
                            "kind_not_available", "no sender for " + kindOf(row).code(), null, Optional.empty())
                    : new SendOutcome.Permanent("secrets_missing", "the destination's secrets are gone", false);
            outcomes.countAttempt(row.id(), token, now);
            outcomes.apply(row, token, missing, true, now);
            return Optional.of(missing);
        }
        Optional<String> bucket = sender.get().rateBucket(target.get());
        if (bucket.isPresent()) {
            Optional<Instant> busyUntil = holds.take(bucket.get(), token, now, settings.lease());
            if (busyUntil.isPresent()) {
                outcomes.postpone(row.id(), token, busyUntil.get(), now);
                queueBehind(row.destinationId(), busyUntil.get());
                return Optional.empty();
            }
        }
        Optional<Instant> paced = pace(sender.get().paces(target.get()), now);
        if (paced.isPresent()) {
            bucket.ifPresent(taken -> holds.giveBack(taken, token, Optional.empty()));
            outcomes.postpone(row.id(), token, paced.get(), now);
            queueBehind(row.destinationId(), paced.get());
            return Optional.empty();
        }
        List<StoredNoticeRow> notices = row.digest() && row.attempts() == 0 ? fold(row, token, now) : folded(row);
        OutgoingMessage message = new OutgoingMessage(
                row.id(),
                row.merchant(),
                notices.stream().map(this::notice).toList(),
                row.digest(),
                row.transactional(),
                unsubscribe.link(row.merchant(), row.destinationId()));
        outcomes.countAttempt(row.id(), token, now);
        SendOutcome outcome;
        try {
            outcome = sender.get().send(target.get(), message);
        } catch (RuntimeException e) {
            // The port says a sender throws only for a bug; whether the provider got the message is not known.
            log.error("Sender {} threw for delivery {}", kindOf(row).code(), row.id(), e);
            outcome =
                    new SendOutcome.Unknown("the sender failed: " + e.getClass().getSimpleName());
        }
        if (bucket.isPresent()) {
            holds.giveBack(bucket.get(), token, outcome.hold());
        } else {
            outcome.hold().ifPresent(holds::hold);
        }
        outcomes.apply(row, token, outcome, sender.get().retriesUnknownOutcome(), now);
        return Optional.of(outcome);
    }

    /**
     * Keeps the send within the channel's paces: empty when it may go now (a token taken from each), otherwise the
     * instant worth trying again. A hold on any pace's bucket (Discord's global 429) postpones it until the hold ends.
     * Holds are checked before any token is taken, so a held bucket costs no tokens; a token taken from an earlier
     * pace when a later one is empty is spent, which only makes the pace slower than its limit, never faster.
     */
    private Optional<Instant> pace(List<Pace> paces, Instant now) {
        for (Pace pace : paces) {
            Optional<Instant> held = holds.heldUntil(pace.bucket()).filter(until -> until.isAfter(now));
            if (held.isPresent()) {
                return held;
            }
        }
        for (Pace pace : paces) {
            Duration wait = limiter.tryAcquire("notify:" + pace.bucket(), pace.perSecond(), pace.burst());
            if (!wait.isZero()) {
                return Optional.of(now.plus(wait));
            }
        }
        return Optional.empty();
    }

    /**
     * The destination's other pending rows due before {@code until} wait until then too: none of them could go sooner,
     * and claiming each only to postpone it again is the churn the one-per-destination claim avoids. Their order is
     * kept by {@code created_at}, the claim's tie-break.
     */
    private void queueBehind(UUID destinationId, Instant until) {
        jdbc.sql("""
                        update notification_deliveries set next_attempt_at = :until
                        where destination_id = :destination and status = 'pending' and folded_into is null
                          and next_attempt_at < :until""")
                .param("until", Timestamp.from(until))
                .param("destination", destinationId)
                .update();
    }

    /** A notice of the row or of a row folded into it, with the alert it tells about. */
    record StoredNoticeRow(UUID alertId, StoredNotice notice) {}

    /**
     * Folds the destination's other due digest rows into this one (it leads the digest). Only on a first attempt, so
     * a retried digest says what it said the first time.
     */
    private List<StoredNoticeRow> fold(Claimed leader, String token, Instant now) {
        jdbc.sql("""
                        update notification_deliveries
                        set folded_into = :leader, status = 'folded', lease_owner = null, lease_until = null,
                            updated_at = :now
                        where destination_id = :destination and mode <> 'immediate' and folded_into is null
                          and id <> :leader
                          and ((status = 'held' and next_attempt_at <= :now)
                            or (status = 'sending' and lease_owner = :token))""")
                .param("leader", leader.id())
                .param("now", Timestamp.from(now))
                .param("destination", leader.destinationId())
                .param("token", token)
                .update();
        return folded(leader);
    }

    private List<StoredNoticeRow> folded(Claimed leader) {
        return jdbc.sql("""
                        select alert_id, notice from notification_deliveries
                        where id = :leader or folded_into = :leader order by created_at, id""")
                .param("leader", leader.id())
                .query((rs, n) -> new StoredNoticeRow(
                        rs.getObject("alert_id", UUID.class), StoredNotice.parse(rs.getString("notice"))))
                .list();
    }

    private Notice notice(StoredNoticeRow row) {
        return row.notice().notice(row.alertId(), publicUrl.resolve("/alerts/" + row.alertId()));
    }

    private ChannelKind kindOf(Claimed row) {
        return jdbc.sql("select kind from notification_destinations where id = :id")
                .param("id", row.destinationId())
                .query(String.class)
                .optional()
                .flatMap(ChannelKind::find)
                .orElseThrow();
    }

    /** The outcome of a test message, sent now, whatever else is due. */
    public record TestResult(
            UUID deliveryId,
            String outcome,
            String status,
            @Nullable String errorClass,
            @Nullable String reason,
            @Nullable String providerMessageId) {}

    /** Sends a test message to a destination now, recorded in the ledger like any delivery. */
    public TestResult sendTest(MerchantId merchant, UUID destinationId, Instant now) {
        UUID alertId = UUID.randomUUID();
        StoredNotice notice = new StoredNotice(
                "notifications.test",
                "info",
                "Test message",
                "This is a test message from Mercator: this destination works.",
                Map.of(),
                now);
        UUID id = ledger.recordTest(merchant, destinationId, notice, alertId, now);
        String token = UUID.randomUUID().toString();
        jdbc.sql("""
                        update notification_deliveries set status = 'sending', lease_owner = :token, lease_until = :until
                        where id = :id""")
                .param("token", token)
                .param("until", Timestamp.from(now.plus(settings.lease())))
                .param("id", id)
                .update();
        Claimed row = new Claimed(id, merchant, destinationId, alertId, "immediate", true, false, 0, notice.json());
        Optional<SendOutcome> outcome = deliver(row, token, now);
        DeliveryView view = ledger.find(merchant, id).orElseThrow();
        return switch (outcome.orElse(null)) {
            case null ->
                new TestResult(
                        id,
                        "rate_limited",
                        view.status(),
                        "rate_held",
                        "the destination's rate bucket is held; the message waits in the ledger",
                        null);
            case SendOutcome.Accepted a ->
                new TestResult(id, "accepted", view.status(), null, null, a.providerMessageId());
            case SendOutcome.Transient t ->
                new TestResult(id, "transient", view.status(), t.errorClass(), t.reason(), null);
            case SendOutcome.Permanent p ->
                new TestResult(id, "permanent", view.status(), p.errorClass(), p.reason(), null);
            case SendOutcome.Unknown u ->
                new TestResult(id, "unknown", view.status(), "unknown_outcome", u.reason(), null);
        };
    }
}

package dev.mercator.notifications.ledger;

import dev.mercator.notifications.channel.RateHold;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Provider rate-limit buckets, shared by every instance through the database. A send to a bucket first takes the
 * bucket (one call in flight per bucket, whoever the instance) and only if no hold is pending; the outcome's hold is
 * written as the bucket is given back. So after a 429 nobody calls that bucket again before its reset, not even an
 * instance that had already claimed a message for it. Each statement commits on its own: nothing here may wait in a
 * long transaction while a provider answers.
 */
@Component
class RateHolds {

    private final JdbcClient jdbc;

    RateHolds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the bucket for one send, or says until when it is not free (held after a 429, or another send in flight).
     *
     * @return empty when taken; otherwise the earliest instant worth trying again
     */
    Optional<Instant> take(String bucket, String token, Instant now, Duration lease) {
        ensure(bucket);
        int taken = jdbc.sql("""
                        update notification_rate_holds set sender = :token, sending_until = :until
                        where bucket = :bucket
                          and (sending_until is null or sending_until < :now)
                          and (held_until is null or held_until <= :now)""")
                .param("token", token)
                .param("until", Timestamp.from(now.plus(lease)))
                .param("bucket", bucket)
                .param("now", Timestamp.from(now))
                .update();
        if (taken == 1) {
            return Optional.empty();
        }
        Instant heldUntil = heldUntil(bucket).orElse(now);
        // Another send in flight on the bucket: look again shortly rather than after its whole lease.
        Instant soon = now.plusMillis(200);
        return Optional.of(heldUntil.isAfter(soon) ? heldUntil : soon);
    }

    /** Gives the bucket back after a send, with the hold its outcome brought, if any. */
    void giveBack(String bucket, String token, Optional<RateHold> hold) {
        // The hold first: given back before it, the bucket could be taken by another instance in between.
        hold.ifPresent(this::hold);
        jdbc.sql(
                        "update notification_rate_holds set sender = null, sending_until = null where bucket = :b and sender = :t")
                .param("b", bucket)
                .param("t", token)
                .update();
    }

    /** Holds a bucket until the given instant, unless it is already held longer. */
    void hold(RateHold hold) {
        ensure(hold.bucket());
        jdbc.sql("""
                        update notification_rate_holds set held_until = :until
                        where bucket = :bucket and (held_until is null or held_until < :until)""")
                .param("until", Timestamp.from(hold.until()))
                .param("bucket", hold.bucket())
                .update();
    }

    Optional<Instant> heldUntil(String bucket) {
        return jdbc.sql("select held_until from notification_rate_holds where bucket = :bucket")
                .param("bucket", bucket)
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)))
                .optional()
                .flatMap(held -> held.map(Timestamp::toInstant));
    }

    private void ensure(String bucket) {
        boolean exists = jdbc.sql("select count(*) from notification_rate_holds where bucket = :bucket")
                        .param("bucket", bucket)
                        .query(Long.class)
                        .single()
                > 0;
        if (!exists) {
            try {
                jdbc.sql("insert into notification_rate_holds (bucket) values (:bucket)")
                        .param("bucket", bucket)
                        .update();
            } catch (DuplicateKeyException e) {
                // Another instance created it first: the same row either way.
            }
        }
    }
}

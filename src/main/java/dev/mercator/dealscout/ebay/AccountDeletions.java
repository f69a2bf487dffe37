package dev.mercator.dealscout.ebay;

import dev.mercator.dealscout.EbayAccountDeletionRequested;
import dev.mercator.dealscout.scan.Observations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verified deletion notifications: each notification id recorded once, with hashes instead of the user's names, and in
 * the same transaction the event that erases the user's data; the event publication registry delivers it after the
 * commit and again after a crash until the listener completes. A replayed notification id records and publishes
 * nothing.
 */
@Component
class AccountDeletions {

    private static final Logger log = LoggerFactory.getLogger(AccountDeletions.class);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Observations observations;
    private final Clock clock;

    AccountDeletions(JdbcClient jdbc, ApplicationEventPublisher events, Observations observations, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.observations = observations;
        this.clock = clock;
    }

    /**
     * Records the notification and publishes its event; false, and nothing done, when this notification id was already
     * recorded. A concurrent duplicate loses on the primary key and its transaction rolls back.
     */
    @Transactional
    boolean record(String notificationId, String username, String userId, @Nullable Instant eventDate) {
        boolean seen = jdbc.sql("select count(*) from dealscout_ebay_account_deletions where notification_id = :id")
                        .param("id", notificationId)
                        .query(Long.class)
                        .single()
                > 0;
        if (seen) {
            return false;
        }
        jdbc.sql("insert into dealscout_ebay_account_deletions (notification_id, username_hash, user_id_hash,"
                        + " event_date, received_at) values (:id, :username, :userId, :eventDate, :now)")
                .param("id", notificationId)
                .param("username", hash(username))
                .param("userId", hash(userId))
                .param("eventDate", eventDate == null ? null : java.sql.Timestamp.from(eventDate))
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .update();
        events.publishEvent(new EbayAccountDeletionRequested(username, userId));
        return true;
    }

    /** Erases the seller's observations and marks the user's recorded notifications as carried out. */
    @ApplicationModuleListener
    void erase(EbayAccountDeletionRequested requested) {
        int rows = observations.eraseEbaySeller(requested.username());
        jdbc.sql("update dealscout_ebay_account_deletions set erased_at = :now, erased_rows = :rows"
                        + " where username_hash = :username and erased_at is null")
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .param("rows", rows)
                .param("username", hash(requested.username()))
                .update();
        // The hash only: the log must not keep what the deletion removed.
        log.info(
                "eBay account deletion carried out for user {}: {} observations erased",
                hash(requested.username()),
                rows);
    }

    static String hash(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}

package dev.mercator.notifications.ledger;

import dev.mercator.alerts.AlertOpened;
import dev.mercator.notifications.channel.ChannelKind;
import dev.mercator.notifications.channel.DeliveryReports;
import dev.mercator.notifications.rules.Rules;
import dev.mercator.platform.MerchantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery ledger's rows: created when an alert opens (one per matching rule's destination, in the listener's
 * transaction, so the event publication registry redelivers the event until they are committed), listed, resent, and
 * moved forward by providers' receipts. Sending them is the {@link Dispatcher}'s.
 */
@Component
public class DeliveryLedger implements DeliveryReports {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLedger.class);

    private final JdbcClient jdbc;
    private final Rules rules;

    DeliveryLedger(JdbcClient jdbc, Rules rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    @ApplicationModuleListener
    void on(AlertOpened alert) {
        record(alert);
    }

    /**
     * Creates the alert's deliveries. Idempotent: the row of an (alert, destination) that exists is left alone, so a
     * redelivered event creates nothing twice (the unique key backs this up against a concurrent duplicate).
     *
     * @return how many rows were created
     */
    @Transactional
    public int record(AlertOpened alert) {
        StoredNotice notice = new StoredNotice(
                alert.type().code(),
                alert.severity().id(),
                alert.subject(),
                alert.message(),
                alert.details(),
                alert.occurredAt());
        int created = 0;
        for (Rules.Route route : rules.routes(alert)) {
            // Locking the destination serialises the daily-cap count of concurrent alerts to it.
            jdbc.sql("select id from notification_destinations where id = :id for update")
                    .param("id", route.destinationId())
                    .query(UUID.class)
                    .optional();
            if (exists(alert.alertId(), route.destinationId())) {
                continue;
            }
            Map<String, @Nullable Object> row = new HashMap<>();
            row.put("status", route.mode().digest() || route.quietHeld() ? DeliveryStatus.HELD.id() : "pending");
            row.put("errorClass", null);
            row.put("lastError", null);
            Integer cap = route.dailyCap();
            if (cap != null && countedToday(route.destinationId(), route.day()) >= cap) {
                row.put("status", DeliveryStatus.SUPPRESSED.id());
                row.put("errorClass", "daily_cap");
                row.put(
                        "lastError",
                        "the destination's daily cap of " + cap + " messages for " + route.day() + " was reached");
            }
            Instant now = Instant.now();
            row.put("id", UUID.randomUUID());
            row.put("merchant", alert.merchant().value());
            row.put("destination", route.destinationId());
            row.put("rule", route.ruleId());
            row.put("alert", alert.alertId());
            row.put("notice", notice.json());
            row.put("mode", route.mode().id());
            row.put("day", route.day());
            row.put("next", Timestamp.from(route.dueAt()));
            row.put("now", Timestamp.from(now));
            insert(row, false);
            created++;
        }
        if (created > 0) {
            log.info("Alert {} of merchant {}: {} deliveries recorded", alert.alertId(), alert.merchant(), created);
        }
        return created;
    }

    /** A test message's row: transactional, counted against no cap, claimed at once by the caller's lease. */
    UUID recordTest(MerchantId merchant, UUID destination, StoredNotice notice, UUID alertId, Instant now) {
        Map<String, @Nullable Object> row = new HashMap<>();
        UUID id = UUID.randomUUID();
        row.put("id", id);
        row.put("merchant", merchant.value());
        row.put("destination", destination);
        row.put("rule", null);
        row.put("alert", alertId);
        row.put("notice", notice.json());
        row.put("mode", "immediate");
        row.put("day", LocalDate.ofInstant(now, ZoneOffset.UTC));
        row.put("next", Timestamp.from(now));
        row.put("now", Timestamp.from(now));
        row.put("status", DeliveryStatus.PENDING.id());
        row.put("errorClass", null);
        row.put("lastError", null);
        insert(row, true);
        return id;
    }

    private void insert(Map<String, @Nullable Object> row, boolean transactional) {
        jdbc.sql("""
                        insert into notification_deliveries
                            (id, merchant_id, destination_id, rule_id, alert_id, notice, mode, transactional, day_key,
                             status, attempts, unknown_outcomes, resends, next_attempt_at, in_flight, error_class,
                             last_error, created_at, updated_at)
                        values (:id, :merchant, :destination, :rule, :alert, :notice, :mode, :transactional, :day,
                                :status, 0, 0, 0, :next, false, :errorClass, :lastError, :now, :now)""").params(row).param("transactional", transactional).update();
    }

    private boolean exists(UUID alert, UUID destination) {
        return jdbc.sql("""
                                select count(*) from notification_deliveries
                                where alert_id = :alert and destination_id = :destination""")
                        .param("alert", alert)
                        .param("destination", destination)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private long countedToday(UUID destination, LocalDate day) {
        return jdbc.sql("""
                        select count(*) from notification_deliveries
                        where destination_id = :destination and day_key = :day and transactional = false
                          and status <> 'suppressed'""")
                .param("destination", destination)
                .param("day", day)
                .query(Long.class)
                .single();
    }

    /** Which deliveries to list; a null field does not filter. */
    public record Filter(
            @Nullable DeliveryStatus status,
            @Nullable UUID destination,
            @Nullable Instant from,
            @Nullable Instant to) {}

    public record Page<T>(List<T> items, int page, int size, long total) {}

    public Page<DeliveryView> page(MerchantId merchant, Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder("merchant_id = :merchant");
        Map<String, Object> params = new HashMap<>();
        params.put("merchant", merchant.value());
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.put("status", filter.status().id());
        }
        if (filter.destination() != null) {
            where.append(" and destination_id = :destination");
            params.put("destination", filter.destination());
        }
        if (filter.from() != null) {
            where.append(" and created_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and created_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        long total = jdbc.sql("select count(*) from notification_deliveries where " + where)
                .params(params)
                .query(Long.class)
                .single();
        List<DeliveryView> items = jdbc.sql("select * from notification_deliveries where " + where
                        + " order by created_at desc, id limit :size offset :offset")
                .params(params)
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> view(rs))
                .list();
        return new Page<>(items, page, size, total);
    }

    public Optional<DeliveryView> find(MerchantId merchant, UUID id) {
        return jdbc.sql("select * from notification_deliveries where id = :id and merchant_id = :merchant")
                .param("id", id)
                .param("merchant", merchant.value())
                .query((rs, n) -> view(rs))
                .optional();
    }

    /** What a resend found. */
    public enum Resend {
        RESENT,
        NOT_FOUND,
        NOT_FINAL,
        DESTINATION_DISABLED
    }

    /**
     * Makes a failed or dead delivery pending again, in place: the same row (so the same {@code Message-ID} and {@code
     * webhook-id}, which lets a receiver that did get it drop the repeat), its attempts and retry span starting over,
     * its resend counted. A row that was folded into a digest leaves it and goes alone.
     */
    @Transactional
    public Resend resend(MerchantId merchant, UUID id, Instant now) {
        Optional<DeliveryView> found = find(merchant, id);
        if (found.isEmpty()) {
            return Resend.NOT_FOUND;
        }
        String status = found.get().status();
        if (!status.equals(DeliveryStatus.DEAD.id()) && !status.equals(DeliveryStatus.FAILED.id())) {
            return Resend.NOT_FINAL;
        }
        boolean enabled = jdbc.sql("select enabled from notification_destinations where id = :id")
                .param("id", found.get().destinationId())
                .query(Boolean.class)
                .single();
        if (!enabled) {
            return Resend.DESTINATION_DISABLED;
        }
        jdbc.sql("""
                        update notification_deliveries set status = 'pending', attempts = 0, resends = resends + 1,
                            next_attempt_at = :now, first_attempt_at = null, folded_into = null, in_flight = false,
                            lease_owner = null, lease_until = null, updated_at = :now
                        where id = :id and merchant_id = :merchant and status in ('dead', 'failed')""")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("merchant", merchant.value())
                .update();
        return Resend.RESENT;
    }

    /**
     * A provider's receipt, applied only forward: {@code sent} may become {@code delivered} or {@code failed}, never
     * the other way, and a final state stays final. A digest's receipt moves the rows folded into it too.
     */
    @Override
    @Transactional
    public boolean report(
            ChannelKind kind,
            String providerMessageId,
            ReportedStatus status,
            @Nullable String errorCode,
            @Nullable String reason) {
        List<UUID> rows = jdbc.sql("""
                        select l.id from notification_deliveries l
                        join notification_destinations d on d.id = l.destination_id
                        where l.provider_message_id = :provider and d.kind = :kind and l.folded_into is null""")
                .param("provider", providerMessageId)
                .param("kind", kind.code())
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .list();
        if (rows.isEmpty() || status == ReportedStatus.SENT) {
            // SENT is where an accepted message already is: nothing to move forward.
            return false;
        }
        Timestamp now = Timestamp.from(Instant.now());
        int moved = 0;
        for (UUID id : rows) {
            String detail =
                    ((errorCode == null ? "" : "error " + errorCode + ": ") + (reason == null ? "" : reason)).strip();
            boolean delivered = status == ReportedStatus.DELIVERED;
            moved += jdbc.sql(delivered ? """
                                    update notification_deliveries set status = 'delivered', updated_at = :now,
                                        delivered_at = :now
                                    where (id = :id or folded_into = :id) and status = 'sent'""" : """
                                    update notification_deliveries set status = 'failed', updated_at = :now,
                                        error_class = 'undelivered', last_error = :detail
                                    where (id = :id or folded_into = :id) and status = 'sent'""")
                    .param("now", now)
                    .param("detail", detail.isEmpty() ? "the provider reported it undelivered" : cut(detail))
                    .param("id", id)
                    .update();
        }
        return moved > 0;
    }

    private static String cut(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }

    static DeliveryView view(ResultSet rs) throws SQLException {
        StoredNotice notice = StoredNotice.parse(rs.getString("notice"));
        return new DeliveryView(
                rs.getObject("id", UUID.class),
                rs.getObject("destination_id", UUID.class),
                rs.getObject("rule_id", UUID.class),
                rs.getObject("alert_id", UUID.class),
                notice.type(),
                notice.severity(),
                notice.subject(),
                rs.getString("mode"),
                rs.getBoolean("transactional"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getInt("unknown_outcomes"),
                rs.getInt("resends"),
                instant(rs, "next_attempt_at"),
                rs.getString("provider_message_id"),
                rs.getString("error_class"),
                rs.getString("last_error"),
                rs.getObject("folded_into", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                instant(rs, "sent_at"),
                instant(rs, "delivered_at"));
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

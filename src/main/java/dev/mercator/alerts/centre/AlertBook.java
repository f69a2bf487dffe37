package dev.mercator.alerts.centre;

import dev.mercator.alerts.AlertCleared;
import dev.mercator.alerts.AlertOpened;
import dev.mercator.alerts.AlertRaised;
import dev.mercator.alerts.AlertSeverity;
import dev.mercator.alerts.AlertType;
import dev.mercator.platform.MerchantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alerts of every merchant. One open alert per (merchant, type, subject): a repeat counts and moves last-seen; a
 * clear resolves it. Both are idempotent, so an event the registry delivers twice changes nothing the second time: a
 * raise counts only if it is newer than the alert's last-seen, a clear resolves only an alert not raised after it, and
 * a raise older than the alert's resolution does not reopen it. Opening an alert publishes {@link AlertOpened} in the
 * same transaction, exactly once per alert.
 */
@Component
public class AlertBook {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};
    private static final String OPEN = "open";
    private static final String RESOLVED = "resolved";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    AlertBook(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** An alert as the merchant sees it. */
    public record AlertView(
            UUID id,
            String type,
            String severity,
            String subject,
            String message,
            Map<String, String> details,
            Instant firstSeen,
            Instant lastSeen,
            long count,
            String state,
            @Nullable Instant resolvedAt,
            boolean read) {}

    /** Which alerts to list; a null field does not filter. */
    public record Filter(
            @Nullable String state,
            @Nullable AlertSeverity severity,
            @Nullable Boolean unread,
            @Nullable AlertType type) {

        public static Filter none() {
            return new Filter(null, null, null, null);
        }
    }

    public record Page<T>(List<T> items, int page, int size, long total) {}

    /** Open alerts by severity and how many alerts are unread. */
    public record Summary(long open, Map<String, Long> openBySeverity, long unread) {}

    @Transactional
    public void raise(AlertRaised raised) {
        String details = JSON.writeValueAsString(raised.details());
        Timestamp at = Timestamp.from(raised.occurredAt());
        boolean resolvedSince = jdbc.sql("""
                        select count(*) from alerts
                        where merchant_id = :merchant and type = :type and subject = :subject
                          and state = :resolved and resolved_at >= :at""")
                        .param("merchant", raised.merchant().value())
                        .param("type", raised.type().code())
                        .param("subject", raised.subject())
                        .param("resolved", RESOLVED)
                        .param("at", at)
                        .query(Long.class)
                        .single()
                > 0;
        if (resolvedSince) {
            return;
        }
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        insert into alerts (id, merchant_id, type, severity, subject, message, details, first_seen,
                                            last_seen, occurrences, state, open_subject)
                        values (:id, :merchant, :type, :severity, :subject, :message, :details, :at, :at, 1, :open,
                                :subject)
                        on conflict do nothing""")
                .param("id", id)
                .param("merchant", raised.merchant().value())
                .param("type", raised.type().code())
                .param("severity", raised.severity().id())
                .param("subject", raised.subject())
                .param("message", raised.message())
                .param("details", details)
                .param("at", at)
                .param("open", OPEN)
                .update();
        if (inserted == 1) {
            events.publishEvent(new AlertOpened(
                    id,
                    raised.merchant(),
                    raised.type(),
                    raised.severity(),
                    raised.subject(),
                    raised.message(),
                    raised.details(),
                    raised.occurredAt()));
        } else {
            jdbc.sql("""
                            update alerts set occurrences = occurrences + 1, last_seen = :at, severity = :severity,
                                              message = :message, details = :details
                            where merchant_id = :merchant and type = :type and open_subject = :subject
                              and last_seen < :at""")
                    .param("at", at)
                    .param("severity", raised.severity().id())
                    .param("message", raised.message())
                    .param("details", details)
                    .param("merchant", raised.merchant().value())
                    .param("type", raised.type().code())
                    .param("subject", raised.subject())
                    .update();
        }
    }

    @Transactional
    public void clear(AlertCleared cleared) {
        jdbc.sql("""
                        update alerts set state = :resolved, open_subject = null, resolved_at = :at
                        where merchant_id = :merchant and type = :type and open_subject = :subject
                          and last_seen <= :at""")
                .param("resolved", RESOLVED)
                .param("at", Timestamp.from(cleared.occurredAt()))
                .param("merchant", cleared.merchant().value())
                .param("type", cleared.type().code())
                .param("subject", cleared.subject())
                .update();
    }

    /** The open alert of a merchant, type and subject, if there is one. */
    public Optional<AlertView> findOpen(MerchantId merchant, AlertType type, String subject) {
        return jdbc.sql(
                        "select * from alerts where merchant_id = :merchant and type = :type and open_subject = :subject")
                .param("merchant", merchant.value())
                .param("type", type.code())
                .param("subject", subject)
                .query((rs, row) -> view(rs))
                .optional();
    }

    public Page<AlertView> page(MerchantId merchant, Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder("merchant_id = :merchant");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("merchant", merchant.value());
        if (filter.state() != null) {
            where.append(" and state = :state");
            params.put("state", filter.state());
        }
        if (filter.severity() != null) {
            where.append(" and severity = :severity");
            params.put("severity", filter.severity().id());
        }
        if (filter.unread() != null) {
            where.append(filter.unread() ? " and read_at is null" : " and read_at is not null");
        }
        if (filter.type() != null) {
            where.append(" and type = :type");
            params.put("type", filter.type().code());
        }
        long total = jdbc.sql("select count(*) from alerts where " + where)
                .params(params)
                .query(Long.class)
                .single();
        List<AlertView> items = jdbc.sql("select * from alerts where " + where
                        + " order by last_seen desc, id limit :limit offset :offset")
                .params(params)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, row) -> view(rs))
                .list();
        return new Page<>(items, page, size, total);
    }

    public Optional<AlertView> find(MerchantId merchant, UUID id) {
        return jdbc.sql("select * from alerts where merchant_id = :merchant and id = :id")
                .param("merchant", merchant.value())
                .param("id", id)
                .query((rs, row) -> view(rs))
                .optional();
    }

    /**
     * Marks one alert read if it is unread; true only for the call that changed it (the row lock makes a concurrent
     * second call wait and then find it read), so the audit trail records each alert read once.
     */
    @Transactional
    public boolean markUnreadRead(MerchantId merchant, UUID id, Instant now) {
        return jdbc.sql("""
                        update alerts set read_at = :now
                        where merchant_id = :merchant and id = :id and read_at is null""")
                        .param("now", Timestamp.from(now))
                        .param("merchant", merchant.value())
                        .param("id", id)
                        .update()
                > 0;
    }

    /** Marks one alert read; false when the merchant has no such alert. */
    @Transactional
    public boolean markRead(MerchantId merchant, UUID id, Instant now) {
        return jdbc.sql("""
                        update alerts set read_at = coalesce(read_at, :now)
                        where merchant_id = :merchant and id = :id""")
                        .param("now", Timestamp.from(now))
                        .param("merchant", merchant.value())
                        .param("id", id)
                        .update()
                > 0;
    }

    /** Marks every unread alert of the merchant read; returns how many were. */
    @Transactional
    public int markAllRead(MerchantId merchant, Instant now) {
        return jdbc.sql("update alerts set read_at = :now where merchant_id = :merchant and read_at is null")
                .param("now", Timestamp.from(now))
                .param("merchant", merchant.value())
                .update();
    }

    public Summary summary(MerchantId merchant) {
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        Map<AlertSeverity, Long> counted = new EnumMap<>(AlertSeverity.class);
        record Count(String severity, long n) {}
        jdbc.sql("""
                        select severity, count(*) as n from alerts
                        where merchant_id = :merchant and state = :open group by severity""")
                .param("merchant", merchant.value())
                .param("open", OPEN)
                .query((rs, row) -> new Count(rs.getString("severity"), rs.getLong("n")))
                .list()
                .forEach(count -> AlertSeverity.find(count.severity()).ifPresent(s -> counted.put(s, count.n())));
        long open = 0;
        for (AlertSeverity severity : AlertSeverity.values()) {
            long n = counted.getOrDefault(severity, 0L);
            bySeverity.put(severity.id(), n);
            open += n;
        }
        long unread = jdbc.sql("select count(*) from alerts where merchant_id = :merchant and read_at is null")
                .param("merchant", merchant.value())
                .query(Long.class)
                .single();
        return new Summary(open, bySeverity, unread);
    }

    private static AlertView view(ResultSet rs) throws SQLException {
        Timestamp resolved = rs.getTimestamp("resolved_at");
        return new AlertView(
                rs.getObject("id", UUID.class),
                rs.getString("type"),
                rs.getString("severity"),
                rs.getString("subject"),
                rs.getString("message"),
                JSON.readValue(rs.getString("details"), DETAILS),
                rs.getTimestamp("first_seen").toInstant(),
                rs.getTimestamp("last_seen").toInstant(),
                rs.getLong("occurrences"),
                rs.getString("state"),
                resolved == null ? null : resolved.toInstant(),
                rs.getTimestamp("read_at") != null);
    }

    /** The states an alert can be in, for validating filters. */
    public static List<String> states() {
        return List.of(OPEN, RESOLVED);
    }
}

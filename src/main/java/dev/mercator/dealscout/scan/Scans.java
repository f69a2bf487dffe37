package dev.mercator.dealscout.scan;

import dev.mercator.marketplaces.BuyingFormat;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The scans table: every read and write of a scan, always by merchant where a merchant asks. */
@Component
class Scans {

    private static final String COLUMNS = """
            id, merchant_id, name, keywords, category_id, condition_ids, min_price, max_price, currency, marketplaces,
            buying_format, auction_within_hours, interval_seconds, effective_interval_seconds, interval_reason,
            stagger_seconds, calls_per_run, next_run_at, created_at, updated_at""";

    private final JdbcClient jdbc;

    Scans(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the merchant's row, so concurrent creations count each other against the limit. */
    int countLocked(MerchantId merchant) {
        jdbc.sql("select id from merchants where id = :m for update")
                .param("m", merchant.value())
                .query(UUID.class)
                .optional();
        return jdbc.sql("select count(*) from dealscout_scans where merchant_id = :m")
                .param("m", merchant.value())
                .query(Integer.class)
                .single();
    }

    Scan insert(MerchantId merchant, ScanSpec spec, Instant now) {
        UUID id = UUID.randomUUID();
        int stagger = Stagger.of(id);
        Scan scan = new Scan(
                id,
                merchant,
                spec,
                spec.interval(),
                null,
                stagger,
                spec.marketplaces().size(),
                Stagger.first(now, stagger),
                now,
                now);
        jdbc.sql("insert into dealscout_scans (" + COLUMNS + ") values (:id, :merchant, :name, :keywords, :category,"
                        + " :conditions, :min, :max, :currency, :marketplaces, :format, :hours, :interval, :effective,"
                        + " :reason, :stagger, :calls, :next, :created, :updated)")
                .param("id", id)
                .param("merchant", merchant.value())
                .param("name", spec.name())
                .param("keywords", spec.keywords())
                .param("category", spec.categoryId())
                .param("conditions", String.join(",", spec.conditionIds()))
                .param("min", spec.minPrice())
                .param("max", spec.maxPrice())
                .param("currency", spec.currency())
                .param("marketplaces", ids(spec.marketplaces()))
                .param("format", spec.buyingFormat().name())
                .param("hours", spec.auctionEndingWithinHours())
                .param("interval", spec.interval().toSeconds())
                .param("effective", spec.interval().toSeconds())
                .param("reason", null)
                .param("stagger", stagger)
                .param("calls", scan.callsPerRun())
                .param("next", Timestamp.from(scan.nextRunAt()))
                .param("created", Timestamp.from(now))
                .param("updated", Timestamp.from(now))
                .update();
        return scan;
    }

    /**
     * Replaces the scan's search and schedule. A new interval restarts the schedule from the asked interval; the
     * planner stretches it again on its next pass if the budget needs it.
     */
    boolean update(MerchantId merchant, UUID id, ScanSpec spec, boolean newSchedule, Instant now) {
        Scan current = find(merchant, id).orElse(null);
        if (current == null) {
            return false;
        }
        Duration effective = newSchedule ? spec.interval() : current.effectiveInterval();
        Instant next = newSchedule ? Stagger.next(now, effective, current.stagger()) : current.nextRunAt();
        return jdbc.sql("update dealscout_scans set name = :name, keywords = :keywords, category_id = :category,"
                                + " condition_ids = :conditions, min_price = :min, max_price = :max, currency = :currency,"
                                + " marketplaces = :marketplaces, buying_format = :format, auction_within_hours = :hours,"
                                + " interval_seconds = :interval, effective_interval_seconds = :effective,"
                                + " interval_reason = :reason, next_run_at = :next, updated_at = :updated"
                                + " where id = :id and merchant_id = :merchant")
                        .param("name", spec.name())
                        .param("keywords", spec.keywords())
                        .param("category", spec.categoryId())
                        .param("conditions", String.join(",", spec.conditionIds()))
                        .param("min", spec.minPrice())
                        .param("max", spec.maxPrice())
                        .param("currency", spec.currency())
                        .param("marketplaces", ids(spec.marketplaces()))
                        .param("format", spec.buyingFormat().name())
                        .param("hours", spec.auctionEndingWithinHours())
                        .param("interval", spec.interval().toSeconds())
                        .param("effective", effective.toSeconds())
                        .param("reason", newSchedule ? null : current.intervalReason())
                        .param("next", Timestamp.from(next))
                        .param("updated", Timestamp.from(now))
                        .param("id", id)
                        .param("merchant", merchant.value())
                        .update()
                == 1;
    }

    boolean delete(MerchantId merchant, UUID id) {
        return jdbc.sql("delete from dealscout_scans where id = :id and merchant_id = :merchant")
                        .param("id", id)
                        .param("merchant", merchant.value())
                        .update()
                == 1;
    }

    Optional<Scan> find(MerchantId merchant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from dealscout_scans where id = :id and merchant_id = :merchant")
                .param("id", id)
                .param("merchant", merchant.value())
                .query(Scans::row)
                .optional();
    }

    List<Scan> list(MerchantId merchant) {
        return jdbc.sql("select " + COLUMNS + " from dealscout_scans where merchant_id = :merchant"
                        + " order by created_at, id")
                .param("merchant", merchant.value())
                .query(Scans::row)
                .list();
    }

    /** Scans due at {@code now}, the longest overdue first. */
    List<Scan> due(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + " from dealscout_scans where next_run_at <= :now"
                        + " order by next_run_at, id limit :limit")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(Scans::row)
                .list();
    }

    /** Every scan on {@code marketplace}, for the budget planner. */
    List<Scan> on(Marketplace marketplace) {
        return jdbc
                .sql("select " + COLUMNS + " from dealscout_scans where marketplaces like :pattern")
                .param("pattern", "%" + marketplace.id() + "%")
                .query(Scans::row)
                .list()
                .stream()
                .filter(scan -> scan.spec().marketplaces().contains(marketplace))
                .toList();
    }

    /**
     * Moves a due scan to its next slot, if no other instance did first: the one whose update matches the slot it read
     * runs it.
     */
    boolean claim(Scan scan, Instant next) {
        return jdbc.sql("update dealscout_scans set next_run_at = :next where id = :id and next_run_at = :was")
                        .param("next", Timestamp.from(next))
                        .param("id", scan.id())
                        .param("was", Timestamp.from(scan.nextRunAt()))
                        .update()
                == 1;
    }

    void callsPerRun(UUID scan, int calls) {
        jdbc.sql("update dealscout_scans set calls_per_run = :calls where id = :id")
                .param("calls", Math.max(1, calls))
                .param("id", scan)
                .update();
    }

    /** The planner's grant: the interval, why, and the next run moved onto the new interval's slots. */
    void grant(Scan scan, Duration effective, @Nullable String reason, Instant now) {
        Instant next = effective.equals(scan.effectiveInterval())
                ? scan.nextRunAt()
                : Stagger.next(now, effective, scan.stagger());
        jdbc.sql("update dealscout_scans set effective_interval_seconds = :effective, interval_reason = :reason,"
                        + " next_run_at = :next where id = :id")
                .param("effective", effective.toSeconds())
                .param("reason", reason)
                .param("next", Timestamp.from(next))
                .param("id", scan.id())
                .update();
    }

    private static String ids(List<Marketplace> marketplaces) {
        return String.join(",", marketplaces.stream().map(Marketplace::id).toList());
    }

    private static Scan row(ResultSet rs, int row) throws SQLException {
        String conditions = rs.getString("condition_ids");
        Integer hours = rs.getObject("auction_within_hours") == null ? null : rs.getInt("auction_within_hours");
        ScanSpec spec = new ScanSpec(
                rs.getString("name"),
                rs.getString("keywords"),
                rs.getString("category_id"),
                conditions.isEmpty() ? List.of() : Arrays.asList(conditions.split(",")),
                decimal(rs.getBigDecimal("min_price")),
                decimal(rs.getBigDecimal("max_price")),
                rs.getString("currency"),
                Arrays.stream(rs.getString("marketplaces").split(","))
                        .map(id -> Marketplace.valueOf(id.toUpperCase(Locale.ROOT)))
                        .toList(),
                BuyingFormat.valueOf(rs.getString("buying_format")),
                hours,
                Duration.ofSeconds(rs.getLong("interval_seconds")));
        return new Scan(
                rs.getObject("id", UUID.class),
                new MerchantId(rs.getObject("merchant_id", UUID.class)),
                spec,
                Duration.ofSeconds(rs.getLong("effective_interval_seconds")),
                rs.getString("interval_reason"),
                rs.getInt("stagger_seconds"),
                rs.getInt("calls_per_run"),
                rs.getTimestamp("next_run_at").toInstant(),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static @Nullable BigDecimal decimal(@Nullable BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value;
    }
}

package dev.mercator.dealscout.watch;

import dev.mercator.dealscout.ListingScored;
import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The alerts watches made, with their evidence, their cap status and the merchant's feedback. */
@Component
class DealAlerts {

    /** Where an alert stands: raised into the alert centre, held by the watch's daily cap, or told in a digest. */
    enum Status {
        SENT,
        HELD,
        DIGESTED;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The merchant's verdict on an alert. */
    enum Feedback {
        GOOD_DEAL,
        NOT_A_DEAL,
        WRONG_ITEM;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Feedback> find(String id) {
            for (Feedback feedback : values()) {
                if (feedback.id().equals(id)) {
                    return Optional.of(feedback);
                }
            }
            return Optional.empty();
        }
    }

    /** An alert as stored and shown, with the evidence it was sent with. */
    record DealAlert(
            UUID id,
            UUID watchId,
            UUID observationId,
            int episode,
            String status,
            LocalDate day,
            String marketplace,
            String listingId,
            String title,
            @Nullable String url,
            BigDecimal totalPrice,
            String currency,
            @Nullable BigDecimal marketValue,
            @Nullable BigDecimal intervalLow,
            @Nullable BigDecimal intervalHigh,
            @Nullable Integer comps,
            @Nullable String method,
            double discount,
            double robustZ,
            int score,
            Instant scoredAt,
            String evidence,
            @Nullable String feedback,
            @Nullable Instant feedbackAt,
            Instant createdAt) {}

    /** A watch's alert counts: sent, held by its cap, and the feedback on them. */
    record Stats(long sent, long heldByCap, Map<Feedback, Long> feedback) {

        long rated() {
            return feedback.values().stream().mapToLong(Long::longValue).sum();
        }

        /** good deals over all alerts with feedback; null before any feedback. */
        @Nullable
        Double precision() {
            long rated = rated();
            return rated == 0 ? null : (double) feedback.getOrDefault(Feedback.GOOD_DEAL, 0L) / rated;
        }
    }

    private final JdbcClient jdbc;

    DealAlerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Alerts the watch sent on the day (held ones do not count: the cap limits what reaches a person). */
    long sentOn(UUID watch, LocalDate day) {
        return jdbc.sql("select count(*) from dealscout_deal_alerts where watch_id = :watch and day_key = :day"
                        + " and status = 'sent'")
                .param("watch", watch)
                .param("day", day)
                .query(Long.class)
                .single();
    }

    /** Records an alert; the unique (watch, listing, episode) key refuses a second one for one entry into the band. */
    DealAlert insert(Watch watch, ListingScored scored, int episode, Status status, LocalDate day, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into dealscout_deal_alerts (id, merchant_id, watch_id, observation_id, episode, status,
                            day_key, marketplace, listing_id, title, url, total_price, currency, market_value,
                            interval_low, interval_high, comps, method, discount, robust_z, score, scored_at, created_at)
                        values (:id, :merchant, :watch, :observation, :episode, :status, :day, :marketplace, :listing,
                            :title, :url, :total, :currency, :marketValue, :low, :high, :comps, :method, :discount, :z, :score,
                            :scoredAt, :now)""")
                .param("id", id)
                .param("merchant", watch.merchant().value())
                .param("watch", watch.id())
                .param("observation", scored.observationId())
                .param("episode", episode)
                .param("status", status.id())
                .param("day", day)
                .param("marketplace", scored.marketplace())
                .param("listing", scored.listingId())
                .param("title", shorten(scored.title(), 500))
                .param("url", scored.url() == null ? null : shorten(scored.url(), 2000))
                .param("total", scored.totalPrice())
                .param("currency", scored.currency())
                .param("marketValue", scored.marketValue())
                .param("low", scored.intervalLow())
                .param("high", scored.intervalHigh())
                .param("comps", scored.comps())
                .param("method", scored.method())
                .param("discount", scored.discount())
                .param("z", scored.robustZ())
                .param("score", scored.score())
                .param("scoredAt", Timestamp.from(scored.scoredAt()))
                .param("now", Timestamp.from(now))
                .update();
        return find(watch.merchant(), id).orElseThrow();
    }

    Optional<DealAlert> find(MerchantId merchant, UUID id) {
        return jdbc.sql("select * from dealscout_deal_alerts where id = :id and merchant_id = :merchant")
                .param("id", id)
                .param("merchant", merchant.value())
                .query(DealAlerts::row)
                .optional();
    }

    List<DealAlert> ofWatch(MerchantId merchant, UUID watch) {
        return jdbc.sql("select * from dealscout_deal_alerts where watch_id = :watch and merchant_id = :merchant"
                        + " order by created_at, id")
                .param("watch", watch)
                .param("merchant", merchant.value())
                .query(DealAlerts::row)
                .list();
    }

    /** Sets (or changes) the merchant's verdict on its alert; false when the alert is not the merchant's. */
    boolean feedback(MerchantId merchant, UUID id, Feedback feedback, Instant now) {
        return jdbc.sql("update dealscout_deal_alerts set feedback = :feedback, feedback_at = :now"
                                + " where id = :id and merchant_id = :merchant")
                        .param("feedback", feedback.id())
                        .param("now", Timestamp.from(now))
                        .param("id", id)
                        .param("merchant", merchant.value())
                        .update()
                == 1;
    }

    Stats stats(UUID watch) {
        Map<String, Long> byStatus = new java.util.HashMap<>();
        jdbc.sql("select status, count(*) as n from dealscout_deal_alerts where watch_id = :watch group by status")
                .param("watch", watch)
                .query((rs, n) -> byStatus.put(rs.getString("status"), rs.getLong("n")))
                .list();
        Map<Feedback, Long> feedback = new EnumMap<>(Feedback.class);
        for (Feedback verdict : Feedback.values()) {
            feedback.put(verdict, 0L);
        }
        jdbc.sql("select feedback, count(*) as n from dealscout_deal_alerts where watch_id = :watch"
                        + " and feedback is not null group by feedback")
                .param("watch", watch)
                .query((rs, n) -> Map.entry(rs.getString("feedback"), rs.getLong("n")))
                .list()
                .forEach(row -> Feedback.find(row.getKey()).ifPresent(f -> feedback.put(f, row.getValue())));
        return new Stats(
                byStatus.getOrDefault(Status.SENT.id(), 0L),
                byStatus.getOrDefault(Status.HELD.id(), 0L) + byStatus.getOrDefault(Status.DIGESTED.id(), 0L),
                feedback);
    }

    static String evidenceLink(UUID observation) {
        return "/api/deals/" + observation;
    }

    static String feedbackLink(UUID alert) {
        return "/api/deals/alerts/" + alert + "/feedback";
    }

    private static String shorten(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    static DealAlert row(ResultSet rs, int n) throws SQLException {
        UUID observation = rs.getObject("observation_id", UUID.class);
        return new DealAlert(
                rs.getObject("id", UUID.class),
                rs.getObject("watch_id", UUID.class),
                observation,
                rs.getInt("episode"),
                rs.getString("status"),
                rs.getObject("day_key", LocalDate.class),
                rs.getString("marketplace"),
                rs.getString("listing_id"),
                rs.getString("title"),
                rs.getString("url"),
                rs.getBigDecimal("total_price"),
                rs.getString("currency"),
                rs.getBigDecimal("market_value"),
                rs.getBigDecimal("interval_low"),
                rs.getBigDecimal("interval_high"),
                rs.getObject("comps", Integer.class),
                rs.getString("method"),
                rs.getDouble("discount"),
                rs.getDouble("robust_z"),
                rs.getInt("score"),
                rs.getTimestamp("scored_at").toInstant(),
                evidenceLink(observation),
                rs.getString("feedback"),
                instant(rs, "feedback_at"),
                rs.getTimestamp("created_at").toInstant());
    }
}

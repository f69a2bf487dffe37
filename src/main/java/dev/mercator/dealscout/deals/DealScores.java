package dev.mercator.dealscout.deals;

import dev.mercator.dealscout.ListingScored.Verdict;
import dev.mercator.dealscout.valuation.DealScore;
import dev.mercator.dealscout.valuation.NetMargin;
import dev.mercator.platform.MerchantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The latest score of each observed listing ({@code dealscout_scores}), its evidence and the pools it draws on. */
@Component
class DealScores {

    private static final TypeReference<List<DealScore.Component>> COMPONENTS = new TypeReference<>() {};
    private static final TypeReference<List<NetMargin>> MARGINS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DealScores(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The listing's stored score; call with the observation locked when about to replace it. */
    Optional<StoredScore> find(UUID observation) {
        List<UUID> comps = jdbc.sql("select comp_id from dealscout_score_comps where observation_id = :id")
                .param("id", observation)
                .query((rs, row) -> rs.getObject(1, UUID.class))
                .list();
        List<String> pools = jdbc.sql("select pool_key from dealscout_score_pools where observation_id = :id")
                .param("id", observation)
                .query((rs, row) -> rs.getString(1))
                .list();
        return jdbc.sql("select * from dealscout_scores where observation_id = :id")
                .param("id", observation)
                .query((rs, row) -> score(rs, pools, comps))
                .optional();
    }

    /** Replaces the listing's score, its evidence and its pools. */
    void save(MerchantId merchant, StoredScore score) {
        jdbc.sql("delete from dealscout_scores where observation_id = :id")
                .param("id", score.observationId())
                .update();
        jdbc.sql("insert into dealscout_scores (observation_id, merchant_id, product_key, pool_key, total_price,"
                        + " currency, verdict, score, components, discount, robust_z, market_value, interval_low,"
                        + " interval_high, coverage, spread, comps_n, effective_n, outliers, method, borrowed_from, thin,"
                        + " oldest_comp_at, newest_comp_at, net_margins, scored_at) values (:id, :merchant, :product,"
                        + " :pool, :total, :currency, :verdict, :score, :components, :discount, :z, :value, :low, :high,"
                        + " :coverage, :spread, :n, :effectiveN, :outliers, :method, :borrowed, :thin, :oldest, :newest,"
                        + " :margins, :scoredAt)")
                .param("id", score.observationId())
                .param("merchant", merchant.value())
                .param("product", score.productKey())
                .param(
                        "pool",
                        score.poolKeys().isEmpty() ? null : score.poolKeys().getFirst())
                .param("total", score.totalPrice())
                .param("currency", score.currency())
                .param("verdict", score.verdict().name())
                .param("score", score.score())
                .param("components", json.writeValueAsString(score.components()))
                .param("discount", score.discount())
                .param("z", score.robustZ())
                .param("value", score.marketValue())
                .param("low", score.intervalLow())
                .param("high", score.intervalHigh())
                .param("coverage", score.coverage())
                .param("spread", score.spread())
                .param("n", score.n())
                .param("effectiveN", score.effectiveN())
                .param("outliers", score.outliers())
                .param("method", score.method())
                .param("borrowed", score.borrowedFrom())
                .param("thin", score.thin())
                .param("oldest", timestamp(score.oldestComp()))
                .param("newest", timestamp(score.newestComp()))
                .param("margins", json.writeValueAsString(score.netMargins()))
                .param("scoredAt", Timestamp.from(score.scoredAt()))
                .update();
        for (String pool : score.poolKeys()) {
            jdbc.sql("insert into dealscout_score_pools (observation_id, pool_key) values (:id, :pool)")
                    .param("id", score.observationId())
                    .param("pool", pool)
                    .update();
        }
        for (UUID comp : score.compIds()) {
            // A comp erased since it was valued is no evidence any more: the join keeps the foreign key whole.
            jdbc.sql("insert into dealscout_score_comps (observation_id, comp_id) select :id, o.id"
                            + " from dealscout_observations o where o.id = :comp")
                    .param("id", score.observationId())
                    .param("comp", comp)
                    .update();
        }
    }

    private StoredScore score(ResultSet rs, List<String> pools, List<UUID> comps) throws SQLException {
        String poolKey = rs.getString("pool_key");
        List<String> ordered = poolKey == null
                ? pools
                : java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(poolKey),
                                pools.stream().filter(p -> !p.equals(poolKey)).sorted())
                        .toList();
        return new StoredScore(
                rs.getObject("observation_id", UUID.class),
                rs.getString("product_key"),
                ordered,
                rs.getBigDecimal("total_price"),
                rs.getString("currency"),
                Verdict.valueOf(rs.getString("verdict")),
                rs.getInt("score"),
                json.readValue(rs.getString("components"), COMPONENTS),
                rs.getDouble("discount"),
                rs.getDouble("robust_z"),
                rs.getBigDecimal("market_value"),
                rs.getBigDecimal("interval_low"),
                rs.getBigDecimal("interval_high"),
                nullableDouble(rs, "coverage"),
                nullableDouble(rs, "spread"),
                nullableInt(rs, "comps_n"),
                nullableDouble(rs, "effective_n"),
                nullableInt(rs, "outliers"),
                rs.getString("method"),
                rs.getString("borrowed_from"),
                rs.getBoolean("thin"),
                instant(rs, "oldest_comp_at"),
                instant(rs, "newest_comp_at"),
                json.readValue(rs.getString("net_margins"), MARGINS),
                comps,
                rs.getTimestamp("scored_at").toInstant());
    }

    private static @Nullable Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}

package dev.mercator.dealscout.deals;

import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the observation store (dealscout.scan's tables) for the pipeline: one listing, or a merchant's pool window. */
@Component
class ObservedListings {

    private static final String SELECT = "select o.id, o.merchant_id, o.marketplace, o.listing_id, o.title,"
            + " o.condition_id, o.category_id, o.price, o.shipping, o.currency, o.url, o.first_seen_at, o.vanished_at,"
            + " o.buying_format,"
            + " (select max(h.observed_at) from dealscout_price_history h where h.observation_id = o.id) as price_since"
            + " from dealscout_observations o";

    private final JdbcClient jdbc;

    ObservedListings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ObservedListing> find(UUID id) {
        return jdbc.sql(SELECT + " where o.id = :id")
                .param("id", id)
                .query((rs, row) -> listing(rs))
                .optional();
    }

    /**
     * Locks these observations' rows for the rest of the transaction, in id order: every listener locks in the same
     * order, so two listeners rescoring overlapping pools wait for each other but never deadlock.
     */
    void lockAll(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("select id from dealscout_observations where id in (:ids) order by id for update")
                    .param("ids", List.copyOf(ids))
                    .query((rs, row) -> rs.getObject(1, UUID.class))
                    .list();
        }
    }

    /**
     * A merchant's observations whose comp can still count: priced, last seen or vanished within the valuation window.
     */
    List<ObservedListing> ofMerchantSince(MerchantId merchant, Instant since) {
        return jdbc.sql(SELECT + " where o.merchant_id = :merchant and (o.last_seen_at >= :since"
                        + " or o.vanished_at >= :since) order by o.first_seen_at, o.id")
                .param("merchant", merchant.value())
                .param("since", Timestamp.from(since))
                .query((rs, row) -> listing(rs))
                .list();
    }

    /** The merchant's live listings whose score may draw on one of these pools. */
    List<UUID> scoredInPools(MerchantId merchant, List<String> poolKeys) {
        if (poolKeys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select distinct p.observation_id from dealscout_score_pools p join dealscout_scores s"
                        + " on s.observation_id = p.observation_id join dealscout_observations o"
                        + " on o.id = p.observation_id where s.merchant_id = :merchant and p.pool_key in (:keys)"
                        + " and o.vanished_at is null")
                .param("merchant", merchant.value())
                .param("keys", poolKeys)
                .query((rs, row) -> rs.getObject(1, UUID.class))
                .list();
    }

    /** A scan that found the listing, if any (a listing found by several scans names one of them). */
    @Nullable
    UUID scanOf(UUID observation) {
        List<UUID> scans = jdbc.sql(
                        "select scan_id from dealscout_scan_sightings where observation_id = :id" + " order by scan_id")
                .param("id", observation)
                .query((rs, row) -> rs.getObject(1, UUID.class))
                .list();
        return scans.isEmpty() ? null : scans.getFirst();
    }

    private static ObservedListing listing(ResultSet rs) throws SQLException {
        Timestamp vanished = rs.getTimestamp("vanished_at");
        Timestamp since = rs.getTimestamp("price_since");
        Instant firstSeen = rs.getTimestamp("first_seen_at").toInstant();
        BigDecimal shipping = rs.getBigDecimal("shipping");
        return new ObservedListing(
                rs.getObject("id", UUID.class),
                new MerchantId(rs.getObject("merchant_id", UUID.class)),
                rs.getString("marketplace"),
                rs.getString("listing_id"),
                rs.getString("title"),
                rs.getString("condition_id"),
                rs.getString("category_id"),
                rs.getBigDecimal("price"),
                shipping,
                rs.getString("currency"),
                rs.getString("url"),
                firstSeen,
                since == null ? firstSeen : since.toInstant(),
                vanished == null ? null : vanished.toInstant(),
                "AUCTION".equals(rs.getString("buying_format")));
    }
}

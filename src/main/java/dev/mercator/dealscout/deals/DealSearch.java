package dev.mercator.dealscout.deals;

import dev.mercator.dealscout.ListingScored.Verdict;
import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The merchant's scored listings, and one with its evidence: always within the merchant, never another's. */
@Component
class DealSearch {

    private final JdbcClient jdbc;
    private final DealScores scores;
    private final ObservedListings listings;
    private final DealSettings settings;

    DealSearch(JdbcClient jdbc, DealScores scores, ObservedListings listings, DealSettings settings) {
        this.jdbc = jdbc;
        this.scores = scores;
        this.listings = listings;
        this.settings = settings;
    }

    /** A search over scored listings; every filter optional. */
    record Query(
            @Nullable String text,
            @Nullable UUID scan,
            int minScore,
            @Nullable Verdict verdict) {}

    DealViews.DealPage search(MerchantId merchant, Query query, int page, int size) {
        StringBuilder where = new StringBuilder(" from dealscout_scores s join dealscout_observations o"
                + " on o.id = s.observation_id where s.merchant_id = :merchant and s.score >= :minScore");
        if (query.text() != null) {
            where.append(" and lower(o.title) like :text escape '\\'");
        }
        if (query.scan() != null) {
            where.append(" and exists (select 1 from dealscout_scan_sightings g join dealscout_scans c"
                    + " on c.id = g.scan_id where g.observation_id = o.id and g.scan_id = :scan"
                    + " and c.merchant_id = :merchant)");
        }
        if (query.verdict() != null) {
            where.append(" and s.verdict = :verdict");
        }
        var count = jdbc.sql("select count(*)" + where);
        var select = jdbc.sql("select o.id, o.marketplace, o.listing_id, o.title, o.url, o.vanished_at, s.total_price,"
                + " s.currency, s.verdict, s.score, s.discount, s.market_value, s.interval_low, s.interval_high,"
                + " s.scored_at" + where + " order by s.score desc, s.discount desc, o.id limit :limit offset :offset");
        for (var statement : List.of(count, select)) {
            statement.param("merchant", merchant.value()).param("minScore", query.minScore());
            if (query.text() != null) {
                statement.param("text", "%" + like(query.text().toLowerCase(Locale.ROOT)) + "%");
            }
            if (query.scan() != null) {
                statement.param("scan", query.scan());
            }
            if (query.verdict() != null) {
                statement.param("verdict", query.verdict().name());
            }
        }
        long total = count.query(Long.class).single();
        List<DealViews.DealListing> items = select.param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, row) -> {
                    Verdict verdict = Verdict.valueOf(rs.getString("verdict"));
                    Timestamp vanished = rs.getTimestamp("vanished_at");
                    return new DealViews.DealListing(
                            rs.getObject("id", UUID.class),
                            rs.getString("marketplace"),
                            rs.getString("listing_id"),
                            rs.getString("title"),
                            rs.getString("url"),
                            rs.getBigDecimal("total_price"),
                            rs.getString("currency"),
                            verdict,
                            DealViews.label(verdict),
                            rs.getInt("score"),
                            rs.getDouble("discount"),
                            rs.getBigDecimal("market_value"),
                            rs.getBigDecimal("interval_low"),
                            rs.getBigDecimal("interval_high"),
                            vanished == null ? null : vanished.toInstant(),
                            rs.getTimestamp("scored_at").toInstant());
                })
                .list();
        return new DealViews.DealPage(items, page, size, total);
    }

    /** One of the merchant's scored listings with its evidence; empty for an unknown id or another merchant's. */
    Optional<DealViews.DealEvidence> evidence(MerchantId merchant, UUID id) {
        ObservedListing listing = listings.find(id)
                .filter(found -> found.merchant().equals(merchant))
                .orElse(null);
        if (listing == null) {
            return Optional.empty();
        }
        StoredScore score = scores.find(id).orElse(null);
        if (score == null) {
            return Optional.empty();
        }
        List<DealViews.CompEvidence> comps = new ArrayList<>();
        for (UUID compId : score.compIds()) {
            listings.find(compId)
                    .filter(comp -> comp.merchant().equals(merchant))
                    .ifPresent(comp -> {
                        var asComp = comp.comp(settings.vanishedQuickly());
                        comps.add(new DealViews.CompEvidence(
                                comp.id(),
                                comp.marketplace(),
                                comp.listingId(),
                                comp.url(),
                                comp.total(),
                                comp.currency(),
                                DealViews.CompEvidence.kindLabel(comp.kind(settings.vanishedQuickly())),
                                asComp == null ? comp.priceSince() : asComp.observedAt()));
                    });
        }
        comps.sort(Comparator.comparing(DealViews.CompEvidence::observedAt).reversed());
        List<DealViews.PricePoint> history = jdbc.sql("select price, shipping, currency, observed_at from"
                        + " dealscout_price_history where observation_id = :id order by observed_at, id")
                .param("id", id)
                .query((rs, row) -> new DealViews.PricePoint(
                        rs.getBigDecimal("price"),
                        rs.getBigDecimal("shipping"),
                        rs.getString("currency"),
                        rs.getTimestamp("observed_at").toInstant()))
                .list();
        return Optional.of(new DealViews.DealEvidence(
                listing.id(),
                listing.marketplace(),
                listing.listingId(),
                listing.title(),
                listing.url(),
                listing.conditionId(),
                listing.categoryId(),
                score.totalPrice(),
                score.currency(),
                score.verdict(),
                DealViews.label(score.verdict()),
                score.score(),
                score.components(),
                score.discount(),
                score.robustZ(),
                valuation(score),
                score.netMargins(),
                comps,
                history,
                listing.firstSeenAt(),
                listing.vanishedAt(),
                score.scoredAt()));
    }

    private static DealViews.@Nullable Valuation valuation(StoredScore score) {
        if (score.marketValue() == null
                || score.intervalLow() == null
                || score.intervalHigh() == null
                || score.oldestComp() == null
                || score.newestComp() == null
                || score.n() == null
                || score.effectiveN() == null
                || score.coverage() == null) {
            return null;
        }
        List<String> labels = new ArrayList<>();
        labels.add(
                score.method() != null && score.method().equals("SALE_EVIDENCE") ? "sale evidence" : "asking prices");
        if (score.thin()) {
            labels.add("thin");
        }
        if (score.borrowedFrom() != null) {
            labels.add("borrowed from " + score.borrowedFrom());
        }
        return new DealViews.Valuation(
                score.poolKeys().isEmpty() ? "" : score.poolKeys().getFirst(),
                score.productKey(),
                score.marketValue(),
                score.intervalLow(),
                score.intervalHigh(),
                score.coverage(),
                score.n(),
                score.effectiveN(),
                score.outliers() == null ? 0 : score.outliers(),
                new DealViews.Window(score.oldestComp(), score.newestComp()),
                score.method() == null ? "" : score.method(),
                DealViews.methodLabel(score.method()),
                score.borrowedFrom(),
                score.thin(),
                labels);
    }

    private static String like(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

package dev.mercator.dealscout.scan;

import dev.mercator.dealscout.ListingObserved;
import dev.mercator.dealscout.ListingPriceChanged;
import dev.mercator.dealscout.ListingVanished;
import dev.mercator.dealscout.ObservationSource;
import dev.mercator.dealscout.ObservationsErased;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The observation store: every listing a merchant's scans saw or the merchant submitted, once per marketplace and
 * listing id, with a price-history row per change of price, shipping or currency (not per sighting), first and last
 * seen, and when it vanished. Publishes {@link ListingObserved}, {@link ListingPriceChanged} and {@link
 * ListingVanished} in the transaction that stored them.
 */
@Component
public class Observations {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Observations(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** What a scan's run on one marketplace changed. */
    record Recorded(int seen, int added, int priceChanges, int vanished) {}

    /**
     * Records one scan's listings on one marketplace. Only a {@code complete} run (every page read) marks the listings
     * it found before and missed now as vanished: an incomplete one cannot tell a vanished listing from one on a page
     * it did not read.
     */
    @Transactional
    Recorded recordScan(Scan scan, Marketplace marketplace, List<Sighting> sightings, boolean complete, Instant now) {
        Set<UUID> seen = new HashSet<>();
        int added = 0;
        int changed = 0;
        for (Sighting sighting : sightings) {
            Stored stored = upsert(scan.merchant(), sighting, ObservationSource.SCAN, scan.id(), now);
            if (!seen.add(stored.id())) {
                continue;
            }
            added += stored.added() ? 1 : 0;
            changed += stored.priceChanged() ? 1 : 0;
            jdbc.sql("insert into dealscout_scan_sightings (scan_id, observation_id, marketplace)"
                            + " select :scan, :observation, :m where not exists (select 1 from dealscout_scan_sightings"
                            + " where scan_id = :scan and observation_id = :observation)")
                    .param("scan", scan.id())
                    .param("observation", stored.id())
                    .param("m", marketplace.id())
                    .update();
        }
        int vanished = complete ? vanish(scan, marketplace, seen, now) : 0;
        return new Recorded(seen.size(), added, changed, vanished);
    }

    /** Records a merchant's own sighting (browser extension, a site without an API). */
    @Transactional
    ObservationView submit(MerchantId merchant, Sighting sighting, Instant now) {
        Stored stored = upsert(merchant, sighting, ObservationSource.USER_SUBMITTED, null, now);
        return find(merchant, stored.id()).orElseThrow();
    }

    /** A scan's search changed: what it found before says nothing about what the new search will miss. */
    void forgetSightings(UUID scan) {
        jdbc.sql("delete from dealscout_scan_sightings where scan_id = :scan")
                .param("scan", scan)
                .update();
    }

    /**
     * Erases every observation of an eBay seller, for every merchant, with its price history: eBay's Marketplace
     * Account Deletion requires an application that stores a user's data to delete it when told the account is gone.
     * Returns how many observations were erased.
     */
    @Transactional
    public int eraseEbaySeller(String username) {
        List<UUID> ids = jdbc.sql(
                        "select id from dealscout_observations where marketplace = :m and seller_username = :username")
                .param("m", Marketplace.EBAY.id())
                .param("username", username)
                .query((rs, row) -> rs.getObject(1, UUID.class))
                .list();
        int erased = jdbc.sql(
                        "delete from dealscout_observations where marketplace = :m and seller_username = :username")
                .param("m", Marketplace.EBAY.id())
                .param("username", username)
                .update();
        if (!ids.isEmpty()) {
            // Scores and pools derived from these rows go too (dealscout.deals); only ids travel, not the name.
            events.publishEvent(new ObservationsErased(ids, clock.instant()));
        }
        return erased;
    }

    /** One price-history row. */
    record ObservedPrice(BigDecimal price, @Nullable BigDecimal shipping, String currency, Instant observedAt) {}

    /** An observation with its price history, oldest first. */
    record ObservationView(
            UUID id,
            String marketplace,
            String listingId,
            String title,
            @Nullable String conditionId,
            @Nullable String categoryId,
            BigDecimal price,
            @Nullable BigDecimal shipping,
            BigDecimal total,
            String currency,
            @Nullable String sellerUsername,
            @Nullable String url,
            String buyingFormat,
            @Nullable Instant endsAt,
            String source,
            Instant firstSeenAt,
            Instant lastSeenAt,
            @Nullable Instant vanishedAt,
            List<ObservedPrice> priceHistory) {}

    Optional<ObservationView> find(MerchantId merchant, UUID id) {
        List<ObservedPrice> history = jdbc.sql("select h.price, h.shipping, h.currency, h.observed_at from"
                        + " dealscout_price_history h join dealscout_observations o on o.id = h.observation_id"
                        + " where o.id = :id and o.merchant_id = :merchant order by h.observed_at, h.id")
                .param("id", id)
                .param("merchant", merchant.value())
                .query((rs, row) -> new ObservedPrice(
                        rs.getBigDecimal("price"),
                        rs.getBigDecimal("shipping"),
                        rs.getString("currency"),
                        rs.getTimestamp("observed_at").toInstant()))
                .list();
        return jdbc.sql("select * from dealscout_observations where id = :id and merchant_id = :merchant")
                .param("id", id)
                .param("merchant", merchant.value())
                .query((rs, row) -> view(rs, history))
                .optional();
    }

    /** A merchant's observations from one marketplace, by listing id. */
    Optional<ObservationView> find(MerchantId merchant, String marketplace, String listingId) {
        return jdbc.sql("select id from dealscout_observations where merchant_id = :merchant and marketplace = :m"
                        + " and listing_id = :listing")
                .param("merchant", merchant.value())
                .param("m", marketplace)
                .param("listing", listingId)
                .query(UUID.class)
                .optional()
                .flatMap(id -> find(merchant, id));
    }

    private record Stored(UUID id, boolean added, boolean priceChanged) {}

    private record Current(
            UUID id,
            BigDecimal price,
            @Nullable BigDecimal shipping,
            String currency,
            @Nullable Instant vanishedAt) {}

    private Stored upsert(
            MerchantId merchant, Sighting sighting, ObservationSource source, @Nullable UUID scan, Instant now) {
        BigDecimal price = cents(sighting.price());
        BigDecimal shipping = sighting.shipping() == null ? null : cents(sighting.shipping());
        Current current = current(merchant, sighting);
        if (current == null) {
            UUID id = UUID.randomUUID();
            int inserted = jdbc.sql(
                            "insert into dealscout_observations (id, merchant_id, marketplace, listing_id, title,"
                                    + " condition_id, category_id, price, shipping, currency, seller_username, url, buying_format,"
                                    + " ends_at, source, first_seen_at, last_seen_at) values (:id, :merchant, :m, :listing,"
                                    + " :title, :condition, :category, :price, :shipping, :currency, :seller, :url, :format,"
                                    + " :ends, :source, :now, :now) on conflict do nothing")
                    .param("id", id)
                    .param("merchant", merchant.value())
                    .param("m", sighting.marketplace())
                    .param("listing", sighting.listingId())
                    .param("title", sighting.title())
                    .param("condition", sighting.conditionId())
                    .param("category", sighting.categoryId())
                    .param("price", price)
                    .param("shipping", shipping)
                    .param("currency", sighting.currency())
                    .param("seller", sighting.sellerUsername())
                    .param("url", sighting.url())
                    .param("format", sighting.buyingFormat().name())
                    .param("ends", sighting.endsAt() == null ? null : Timestamp.from(sighting.endsAt()))
                    .param("source", source.name())
                    .param("now", Timestamp.from(now))
                    .update();
            if (inserted == 1) {
                history(id, price, shipping, sighting.currency(), now);
                events.publishEvent(new ListingObserved(
                        merchant,
                        id,
                        sighting.marketplace(),
                        sighting.listingId(),
                        sighting.conditionId(),
                        sighting.categoryId(),
                        price,
                        shipping,
                        sighting.currency(),
                        source,
                        scan,
                        now));
                return new Stored(id, true, false);
            }
            // Another scan of the same merchant stored it a moment ago: update that one.
            current = Objects.requireNonNull(current(merchant, sighting));
        }
        boolean priceChanged = current.price().compareTo(price) != 0
                || !sameAmount(current.shipping(), shipping)
                || !current.currency().equals(sighting.currency());
        jdbc.sql("update dealscout_observations set title = :title, condition_id = coalesce(:condition, condition_id),"
                        + " category_id = coalesce(:category, category_id), price = :price, shipping = :shipping,"
                        + " currency = :currency, seller_username = coalesce(:seller, seller_username),"
                        + " url = coalesce(:url, url), buying_format = :format, ends_at = :ends, last_seen_at = :now,"
                        + " vanished_at = null where id = :id")
                .param("title", sighting.title())
                .param("condition", sighting.conditionId())
                .param("category", sighting.categoryId())
                .param("price", price)
                .param("shipping", shipping)
                .param("currency", sighting.currency())
                .param("seller", sighting.sellerUsername())
                .param("url", sighting.url())
                .param("format", sighting.buyingFormat().name())
                .param("ends", sighting.endsAt() == null ? null : Timestamp.from(sighting.endsAt()))
                .param("now", Timestamp.from(now))
                .param("id", current.id())
                .update();
        if (priceChanged) {
            history(current.id(), price, shipping, sighting.currency(), now);
            events.publishEvent(new ListingPriceChanged(
                    merchant,
                    current.id(),
                    sighting.marketplace(),
                    sighting.listingId(),
                    current.price(),
                    current.shipping(),
                    price,
                    shipping,
                    sighting.currency(),
                    now));
        }
        return new Stored(current.id(), false, priceChanged);
    }

    private @Nullable Current current(MerchantId merchant, Sighting sighting) {
        return jdbc.sql("select id, price, shipping, currency, vanished_at from dealscout_observations"
                        + " where merchant_id = :merchant and marketplace = :m and listing_id = :listing")
                .param("merchant", merchant.value())
                .param("m", sighting.marketplace())
                .param("listing", sighting.listingId())
                .query((rs, row) -> new Current(
                        rs.getObject("id", UUID.class),
                        rs.getBigDecimal("price"),
                        rs.getBigDecimal("shipping"),
                        rs.getString("currency"),
                        rs.getTimestamp("vanished_at") == null
                                ? null
                                : rs.getTimestamp("vanished_at").toInstant()))
                .optional()
                .orElse(null);
    }

    private void history(
            UUID observation, BigDecimal price, @Nullable BigDecimal shipping, String currency, Instant now) {
        jdbc.sql("insert into dealscout_price_history (id, observation_id, price, shipping, currency, observed_at)"
                        + " values (:id, :observation, :price, :shipping, :currency, :now)")
                .param("id", UUID.randomUUID())
                .param("observation", observation)
                .param("price", price)
                .param("shipping", shipping)
                .param("currency", currency)
                .param("now", Timestamp.from(now))
                .update();
    }

    private int vanish(Scan scan, Marketplace marketplace, Set<UUID> seen, Instant now) {
        record Gone(
                UUID id,
                String listingId,
                BigDecimal price,
                @Nullable BigDecimal shipping,
                String currency,
                Instant firstSeen,
                Instant lastSeen) {}
        List<Gone> missing = jdbc
                .sql("select o.id, o.listing_id, o.price, o.shipping, o.currency, o.first_seen_at,"
                        + " o.last_seen_at from dealscout_observations o join dealscout_scan_sightings s"
                        + " on s.observation_id = o.id where s.scan_id = :scan and s.marketplace = :m"
                        + " and o.vanished_at is null")
                .param("scan", scan.id())
                .param("m", marketplace.id())
                .query((rs, row) -> new Gone(
                        rs.getObject("id", UUID.class),
                        rs.getString("listing_id"),
                        rs.getBigDecimal("price"),
                        rs.getBigDecimal("shipping"),
                        rs.getString("currency"),
                        rs.getTimestamp("first_seen_at").toInstant(),
                        rs.getTimestamp("last_seen_at").toInstant()))
                .list()
                .stream()
                .filter(gone -> !seen.contains(gone.id()))
                .toList();
        for (Gone gone : missing) {
            jdbc.sql("update dealscout_observations set vanished_at = :now where id = :id and vanished_at is null")
                    .param("now", Timestamp.from(now))
                    .param("id", gone.id())
                    .update();
            events.publishEvent(new ListingVanished(
                    scan.merchant(),
                    gone.id(),
                    marketplace.id(),
                    gone.listingId(),
                    gone.price(),
                    gone.shipping(),
                    gone.currency(),
                    gone.firstSeen(),
                    gone.lastSeen(),
                    now));
        }
        return missing.size();
    }

    private static ObservationView view(ResultSet rs, List<ObservedPrice> history) throws SQLException {
        BigDecimal price = rs.getBigDecimal("price");
        BigDecimal shipping = rs.getBigDecimal("shipping");
        Timestamp ends = rs.getTimestamp("ends_at");
        Timestamp vanished = rs.getTimestamp("vanished_at");
        return new ObservationView(
                rs.getObject("id", UUID.class),
                rs.getString("marketplace"),
                rs.getString("listing_id"),
                rs.getString("title"),
                rs.getString("condition_id"),
                rs.getString("category_id"),
                price,
                shipping,
                shipping == null ? price : price.add(shipping),
                rs.getString("currency"),
                rs.getString("seller_username"),
                rs.getString("url"),
                rs.getString("buying_format"),
                ends == null ? null : ends.toInstant(),
                rs.getString("source"),
                rs.getTimestamp("first_seen_at").toInstant(),
                rs.getTimestamp("last_seen_at").toInstant(),
                vanished == null ? null : vanished.toInstant(),
                history);
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static boolean sameAmount(@Nullable BigDecimal a, @Nullable BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}

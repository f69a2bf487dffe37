package dev.mercator.catalog.ingest;

import dev.mercator.catalog.product.ValidProduct;
import dev.mercator.marketplaces.Marketplace;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imported products, upserted by (marketplace, marketplace id), with a price-history row whenever the price is new or
 * changed. The SQL is plain enough for H2 (PostgreSQL mode) and PostgreSQL alike: insert-if-absent, then update.
 */
@Component
class CatalogProducts {

    private final JdbcClient jdbc;
    private final Clock clock;

    CatalogProducts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores the product (plain product URL, never an affiliate link) and returns its id. */
    @Transactional
    UUID upsert(ValidProduct product, @Nullable String plainUrl) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        var offer = product.offer();
        jdbc.sql("""
                        insert into catalog_products (id, marketplace, marketplace_id, title, price, currency,
                            price_as_of, created_at, updated_at)
                        values (:id, :marketplace, :marketplaceId, :title, :price, :currency, :now, :now, :now)
                        on conflict do nothing""")
                .param("id", UUID.randomUUID())
                .param("marketplace", offer.marketplace().id())
                .param("marketplaceId", offer.marketplaceId())
                .param("title", product.title())
                .param("price", offer.price())
                .param("currency", offer.currency())
                .param("now", at)
                .update();
        record Current(UUID id, BigDecimal price, String currency, long history) {}
        Current current = jdbc.sql("""
                        select id, price, currency from catalog_products
                        where marketplace = :marketplace and marketplace_id = :marketplaceId
                        for update""")
                .param("marketplace", offer.marketplace().id())
                .param("marketplaceId", offer.marketplaceId())
                .query((rs, n) -> new Current(
                        rs.getObject("id", UUID.class), rs.getBigDecimal("price"), rs.getString("currency"), 0))
                .single();
        long history = jdbc.sql("select count(*) from catalog_prices where product_id = :id")
                .param("id", current.id())
                .query(Long.class)
                .single();
        jdbc.sql("""
                        update catalog_products set title = :title, description = :description, brand = :brand,
                            model = :model, gtin = :gtin, image_url = :imageUrl, product_url = :productUrl,
                            price = :price, currency = :currency, availability = :availability,
                            price_as_of = :asOf, tracked = true, updated_at = :now
                        where id = :id""")
                .param("title", product.title())
                .param("description", product.description())
                .param("brand", product.brand())
                .param("model", product.model())
                .param("gtin", product.gtin() == null ? null : product.gtin().value())
                .param("imageUrl", product.imageUrl())
                .param("productUrl", plainUrl)
                .param("price", offer.price())
                .param("currency", offer.currency())
                .param("availability", offer.availability())
                .param("asOf", at)
                .param("now", at)
                .param("id", current.id())
                .update();
        boolean changed = history == 0
                || current.price().compareTo(offer.price()) != 0
                || !current.currency().equals(offer.currency());
        if (changed) {
            jdbc.sql("""
                            insert into catalog_prices (product_id, price, currency, observed_at)
                            values (:id, :price, :currency, :now)""")
                    .param("id", current.id())
                    .param("price", offer.price())
                    .param("currency", offer.currency())
                    .param("now", at)
                    .update();
        }
        return current.id();
    }

    Optional<StoredProduct> find(UUID id) {
        return jdbc.sql("select * from catalog_products where id = :id")
                .param("id", id)
                .query(CatalogProducts::map)
                .optional();
    }

    /** Tracked products whose price is older than {@code before}, oldest first. */
    List<StoredProduct> due(Instant before, int limit) {
        return jdbc.sql("""
                        select * from catalog_products where tracked = true and price_as_of < :before
                        order by price_as_of limit :limit""")
                .param("before", Timestamp.from(before))
                .param("limit", limit)
                .query(CatalogProducts::map)
                .list();
    }

    List<PricePoint> prices(UUID id) {
        return jdbc.sql("""
                        select price, currency, observed_at from catalog_prices where product_id = :id
                        order by observed_at desc, id desc""")
                .param("id", id)
                .query((rs, n) -> new PricePoint(
                        rs.getBigDecimal("price").stripTrailingZeros().toPlainString(),
                        rs.getString("currency"),
                        rs.getTimestamp("observed_at").toInstant()))
                .list();
    }

    /** One observed price. The amount is a decimal string so no precision is lost in JSON. */
    record PricePoint(String price, String currency, Instant observedAt) {}

    private static StoredProduct map(ResultSet rs, int n) throws SQLException {
        return new StoredProduct(
                rs.getObject("id", UUID.class),
                Marketplace.valueOf(rs.getString("marketplace").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("marketplace_id"),
                rs.getString("title"),
                rs.getString("description"),
                rs.getString("brand"),
                rs.getString("model"),
                rs.getString("gtin"),
                rs.getString("image_url"),
                rs.getString("product_url"),
                rs.getBigDecimal("price"),
                rs.getString("currency"),
                rs.getString("availability"),
                rs.getTimestamp("price_as_of").toInstant(),
                rs.getBoolean("tracked"));
    }
}

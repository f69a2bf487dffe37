package dev.mercator.inventory.shopify;

import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.shopify.ShopifyLevels.Level;
import dev.mercator.inventory.shopify.ShopifyLevels.PendingWrite;
import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How {@code inventory_shopify_levels} rows are read, locked and mapped: the table's columns, the queries its indexes
 * serve, the lock order, and the location a level is read at. Only reads; every change of a row is {@link
 * ShopifyLevels}'s.
 */
final class ShopifyLevelRows {

    private static final String COLUMNS = """
            merchant_id, inventory_item_id, sku, expected, anchored_through, check_due_at, pending_since, signals, gap,
            gap_shown, gap_since, explained_at, asked_at, checked_at, write_key, write_location, write_from, write_to""";

    private final JdbcClient jdbc;

    ShopifyLevelRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Level> find(MerchantId merchant, String item) {
        return select(merchant, item, "");
    }

    /**
     * Locks the row for a verdict: signals arriving meanwhile wait for it, and a verdict on older facts is refused. The
     * SKU's stock row is locked first, as the ledger locks it before its event moves this row: taken in the same order
     * everywhere, a verdict (which may mark the SKU's channels dirty) and an order being applied cannot deadlock.
     */
    Optional<Level> lock(MerchantId merchant, String item) {
        jdbc.sql("select sku from inventory_shopify_levels where merchant_id = :merchant and inventory_item_id = :item")
                .param("merchant", merchant.value())
                .param("item", item)
                .query(String.class)
                .optional()
                .ifPresent(sku -> jdbc.sql(
                                "select physical from inventory_skus where merchant_id = :merchant and sku = :sku"
                                        + " for update")
                        .param("merchant", merchant.value())
                        .param("sku", sku)
                        .query(Integer.class)
                        .optional());
        return select(merchant, item, " for update");
    }

    private Optional<Level> select(MerchantId merchant, String item, String locking) {
        return jdbc.sql("select " + COLUMNS + " from inventory_shopify_levels"
                        + " where merchant_id = :merchant and inventory_item_id = :item" + locking)
                .param("merchant", merchant.value())
                .param("item", item)
                .query((rs, n) -> level(rs))
                .optional();
    }

    /** Items whose check is due, oldest first, without a write whose fate is unknown (the push replays that first). */
    List<Level> due(Instant now, int limit) {
        // Two indexed halves rather than one OR, which would read every row on every poll.
        return jdbc.sql("select * from (select " + COLUMNS + ", check_due_at as due_at from inventory_shopify_levels"
                        + " where check_due_at <= :now and write_key is null"
                        + " union all select " + COLUMNS + ", recheck_at as due_at from inventory_shopify_levels"
                        + " where recheck_at <= :now and check_due_at is null and write_key is null) due"
                        + " order by due_at limit :limit")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, n) -> level(rs))
                .list();
    }

    /** The location the item's level is read at: the mapping's own, else the shop's. */
    @Nullable
    String location(Level level, ChannelAccounts.ShopifyAccount account) {
        Optional<String> mapped = jdbc.sql("""
                        select shopify_location_id from inventory_mappings
                        where merchant_id = :merchant and shopify_inventory_item_id = :item""")
                .param("merchant", level.merchant().value())
                .param("item", level.item())
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(o -> o);
        @Nullable String location = ShopifyAdminApi.numericId(mapped.orElse(null), ShopifyAdminApi.LOCATION_GID);
        return location != null
                ? location
                : ShopifyAdminApi.numericId(account.locationId(), ShopifyAdminApi.LOCATION_GID);
    }

    private static Level level(java.sql.ResultSet rs) throws java.sql.SQLException {
        String key = rs.getString("write_key");
        PendingWrite write = key == null
                ? null
                : new PendingWrite(key, rs.getString("write_location"), rs.getInt("write_from"), rs.getInt("write_to"));
        return new Level(
                new MerchantId(rs.getObject("merchant_id", UUID.class)),
                rs.getString("inventory_item_id"),
                rs.getString("sku"),
                integer(rs, "expected"),
                instant(rs, "anchored_through"),
                instant(rs, "check_due_at"),
                instant(rs, "pending_since"),
                rs.getLong("signals"),
                integer(rs, "gap"),
                integer(rs, "gap_shown"),
                instant(rs, "gap_since"),
                instant(rs, "explained_at"),
                instant(rs, "asked_at"),
                instant(rs, "checked_at"),
                write);
    }

    private static @Nullable Integer integer(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

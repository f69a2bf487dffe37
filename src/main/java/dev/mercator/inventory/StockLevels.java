package dev.mercator.inventory;

import dev.mercator.platform.MerchantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read side of inventory: what a merchant sees of its SKUs, channels and ledger. Always scoped to one merchant. */
@Component
public class StockLevels {

    private final JdbcClient jdbc;

    StockLevels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ChannelView(
            String channel,
            int buffer,
            int broadcast,
            @Nullable Integer lastBroadcast,
            String syncState,
            @Nullable String error,
            @Nullable Instant lastSyncedAt,
            @Nullable LevelCheck levelCheck) {}

    /**
     * What Mercator can explain of the channel's own level (Shopify, ADR 10): {@code not_anchored} before it has a
     * starting point, {@code checking} while a moved level awaits its check, {@code explained}, or {@code
     * unexplained} with how far the level is from what orders and Mercator's writes explain, and since when. While it
     * is not explained, no channel's offer of the SKU rises.
     */
    public record LevelCheck(
            String state,
            @Nullable Integer expected,
            @Nullable Integer unexplained,
            @Nullable Instant unexplainedSince) {}

    public record SkuView(String sku, int physical, Map<String, ChannelView> channels, Instant updatedAt) {}

    public record LedgerEntry(
            long id,
            String source,
            String sourceEventId,
            int delta,
            int physicalBefore,
            int physicalAfter,
            String reason,
            String actor,
            Instant at) {}

    /** An event for a SKU Mercator does not know yet, kept until the SKU exists or is mapped. */
    public record UnmappedEvent(
            UUID id,
            String source,
            String sourceEventId,
            String refKind,
            String ref,
            String change,
            int amount,
            String reason,
            Instant receivedAt) {}

    public record Page<T>(List<T> items, int page, int size, long total) {}

    public Optional<SkuView> find(MerchantId merchant, String sku) {
        List<SkuView> found = load(merchant, List.of(sku));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    public Page<SkuView> page(MerchantId merchant, int page, int size) {
        long total = jdbc.sql("select count(*) from inventory_skus where merchant_id = :merchant")
                .param("merchant", merchant.value())
                .query(Long.class)
                .single();
        List<String> skus = jdbc.sql("""
                        select sku from inventory_skus where merchant_id = :merchant
                        order by sku limit :limit offset :offset""")
                .param("merchant", merchant.value())
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> rs.getString("sku"))
                .list();
        return new Page<>(load(merchant, skus), page, size, total);
    }

    public Page<LedgerEntry> history(MerchantId merchant, String sku, int page, int size) {
        long total = jdbc.sql("select count(*) from inventory_ledger where merchant_id = :merchant and sku = :sku")
                .param("merchant", merchant.value())
                .param("sku", sku)
                .query(Long.class)
                .single();
        List<LedgerEntry> entries = jdbc.sql("""
                        select id, source, source_event_id, delta, physical_before, physical_after, reason, actor,
                               created_at
                        from inventory_ledger where merchant_id = :merchant and sku = :sku
                        order by id limit :limit offset :offset""")
                .param("merchant", merchant.value())
                .param("sku", sku)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new LedgerEntry(
                        rs.getLong("id"),
                        rs.getString("source"),
                        rs.getString("source_event_id"),
                        rs.getInt("delta"),
                        rs.getInt("physical_before"),
                        rs.getInt("physical_after"),
                        rs.getString("reason"),
                        rs.getString("actor"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        return new Page<>(entries, page, size, total);
    }

    /** The merchant's events still waiting for their SKU, oldest first (at most 1000). */
    public List<UnmappedEvent> unmapped(MerchantId merchant) {
        return jdbc.sql("""
                        select id, source, source_event_id, ref_kind, ref_value, change_kind, amount, reason, received_at
                        from inventory_unmapped where merchant_id = :merchant and applied_at is null
                        order by received_at, id limit 1000""")
                .param("merchant", merchant.value())
                .query((rs, n) -> new UnmappedEvent(
                        rs.getObject("id", UUID.class),
                        rs.getString("source"),
                        rs.getString("source_event_id"),
                        rs.getString("ref_kind"),
                        rs.getString("ref_value"),
                        rs.getString("change_kind"),
                        rs.getInt("amount"),
                        rs.getString("reason"),
                        rs.getTimestamp("received_at").toInstant()))
                .list();
    }

    /** The sum of a SKU's ledger: must always equal its physical count. */
    public long ledgerSum(MerchantId merchant, String sku) {
        return jdbc.sql(
                        "select coalesce(sum(delta), 0) from inventory_ledger where merchant_id = :merchant and sku = :sku")
                .param("merchant", merchant.value())
                .param("sku", sku)
                .query(Long.class)
                .single();
    }

    private List<SkuView> load(MerchantId merchant, List<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        Map<String, SkuView> views = new LinkedHashMap<>();
        jdbc.sql("""
                        select s.sku, s.physical, s.updated_at, c.channel, c.buffer, c.last_broadcast, c.sync_state,
                               c.error_reason, c.last_synced_at, l.sku as level_sku, l.expected, l.check_due_at,
                               l.gap, l.gap_since
                        from inventory_skus s join inventory_channels c on c.merchant_id = s.merchant_id and c.sku = s.sku
                        left join inventory_mappings m on m.merchant_id = s.merchant_id and m.sku = s.sku
                        left join inventory_shopify_levels l on c.channel = 'shopify' and l.merchant_id = s.merchant_id
                          and l.inventory_item_id = m.shopify_inventory_item_id
                        where s.merchant_id = :merchant and s.sku in (:skus)
                        order by s.sku, c.channel""").param("merchant", merchant.value()).param("skus", skus).query((ResultSet rs) -> {
            String sku = rs.getString("sku");
            int physical = rs.getInt("physical");
            SkuView view = views.computeIfAbsent(
                    sku, s -> new SkuView(s, physical, new LinkedHashMap<>(), instant(rs, "updated_at")));
            int buffer = rs.getInt("buffer");
            int lastBroadcast = rs.getInt("last_broadcast");
            Integer last = rs.wasNull() ? null : lastBroadcast;
            view.channels()
                    .put(
                            rs.getString("channel"),
                            new ChannelView(
                                    rs.getString("channel"),
                                    buffer,
                                    Math.max(0, physical - buffer),
                                    last,
                                    rs.getString("sync_state"),
                                    rs.getString("error_reason"),
                                    nullableInstant(rs, "last_synced_at"),
                                    levelCheck(rs)));
        });
        return new ArrayList<>(views.values());
    }

    private static @Nullable LevelCheck levelCheck(ResultSet rs) throws SQLException {
        if (rs.getString("level_sku") == null) {
            return null;
        }
        int expectedValue = rs.getInt("expected");
        Integer expected = rs.wasNull() ? null : expectedValue;
        int gapValue = rs.getInt("gap");
        Integer gap = rs.wasNull() ? null : gapValue;
        String state = gap != null
                ? "unexplained"
                : expected == null
                        ? "not_anchored"
                        : rs.getTimestamp("check_due_at") != null ? "checking" : "explained";
        return new LevelCheck(state, expected, gap, nullableInstant(rs, "gap_since"));
    }

    private static Instant instant(ResultSet rs, String column) {
        try {
            return rs.getTimestamp(column).toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

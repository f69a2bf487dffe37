package dev.mercator.inventory.returns;

import dev.mercator.inventory.StockLevels;
import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads over a merchant's returns: the filtered list and a SKU's return rate and reasons. */
@Component
class ReturnQueries {

    private final JdbcClient jdbc;
    private final Clock clock;

    ReturnQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Filter(
            @Nullable ReturnStatus status,
            @Nullable Disposition disposition,
            @Nullable String sku,
            @Nullable Instant from,
            @Nullable Instant to) {}

    StockLevels.Page<ReturnView> list(MerchantId merchant, Filter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" where merchant_id = :merchant");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("merchant", merchant.value());
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.put("status", filter.status().id());
        }
        if (filter.disposition() != null) {
            where.append(" and disposition = :disposition");
            params.put("disposition", filter.disposition().id());
        }
        if (filter.sku() != null) {
            where.append(" and sku = :sku");
            params.put("sku", filter.sku());
        }
        if (filter.from() != null) {
            where.append(" and returned_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and returned_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        long total = jdbc.sql("select count(*) from inventory_returns" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<ReturnView> items = jdbc.sql("select " + ReturnView.COLUMNS + " from inventory_returns" + where
                        + " order by returned_at desc, id limit :limit offset :offset")
                .params(params)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(ReturnView::of)
                .list();
        return new StockLevels.Page<>(items, page, size, total);
    }

    record Window(
            int days,
            long unitsSold,
            long unitsReturned,
            @Nullable Double returnRate,
            Map<String, Long> reasons,
            Map<String, Long> dispositions) {}

    record Stats(String sku, List<Window> windows) {}

    /**
     * A SKU's returns over the last 30 and 90 days: units returned against units sold (the ledger's order decrements
     * from Shopify and Amazon), and what the customers said and what came back.
     */
    Stats stats(MerchantId merchant, String sku) {
        List<Window> windows = new ArrayList<>();
        Instant now = clock.instant();
        for (int days : new int[] {30, 90}) {
            Timestamp since = Timestamp.from(now.minus(Duration.ofDays(days)));
            long sold = jdbc.sql("""
                            select coalesce(sum(-delta), 0) from inventory_ledger
                            where merchant_id = :merchant and sku = :sku and delta < 0
                              and source in ('shopify', 'amazon') and created_at >= :since""")
                    .param("merchant", merchant.value())
                    .param("sku", sku)
                    .param("since", since)
                    .query(Long.class)
                    .single();
            Map<String, Long> reasons = grouped(merchant, sku, since, "coalesce(reason, 'unknown')");
            Map<String, Long> dispositions = grouped(merchant, sku, since, "coalesce(disposition, status)");
            long returned = reasons.values().stream().mapToLong(Long::longValue).sum();
            windows.add(new Window(
                    days, sold, returned, sold == 0 ? null : (double) returned / sold, reasons, dispositions));
        }
        return new Stats(sku, windows);
    }

    /**
     * What Amazon holds of a SKU (FBA Inventory's fulfillable and unfulfillable units, as last read) beside the
     * merchant's own physical count: the two are never added up, and the pool is never broadcast.
     */
    record PoolView(
            String sku,
            @Nullable Integer physical,
            int fbaFulfillable,
            int fbaUnfulfillable,
            int fbaTotal,
            Instant readAt) {}

    List<PoolView> pools(MerchantId merchant, @Nullable String sku) {
        return jdbc.sql("""
                        select p.seller_sku, s.physical, p.fulfillable, p.unfulfillable, p.total, p.read_at
                        from inventory_fba_pool p
                        left join inventory_mappings m on m.merchant_id = p.merchant_id and m.amazon_seller_sku = p.seller_sku
                        left join inventory_skus s on s.merchant_id = p.merchant_id and s.sku = coalesce(m.sku, p.seller_sku)
                        where p.merchant_id = :merchant and (cast(:sku as varchar) is null or p.seller_sku = :sku)
                        order by p.seller_sku limit 1000""")
                .param("merchant", merchant.value())
                .param("sku", sku)
                .query((rs, n) -> new PoolView(
                        rs.getString("seller_sku"),
                        (Integer) rs.getObject("physical"),
                        rs.getInt("fulfillable"),
                        rs.getInt("unfulfillable"),
                        rs.getInt("total"),
                        rs.getTimestamp("read_at").toInstant()))
                .list();
    }

    private Map<String, Long> grouped(MerchantId merchant, String sku, Timestamp since, String key) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("select " + key + " as k, sum(quantity) as units from inventory_returns"
                        + " where merchant_id = :merchant and sku = :sku and returned_at >= :since"
                        + " group by " + key + " order by units desc, k")
                .param("merchant", merchant.value())
                .param("sku", sku)
                .param("since", since)
                .query((rs, n) -> Map.entry(rs.getString("k"), rs.getLong("units")))
                .list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }
}

package dev.mercator.inventory.shopify;

import dev.mercator.inventory.channel.RaiseGate;
import dev.mercator.platform.MerchantId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Holds raises on every channel while a SKU's Shopify level is not explained (ADR 10): a level that moved and is not
 * checked yet, one that differs from what orders and Mercator's writes explain, or a write whose fate is unknown may
 * hide a sale Mercator has not heard of, and raising an offer then could sell a unit twice. A level whose last check is
 * older than the raise's reason is not known to be explained either (a sale's webhook may still be on its way): the
 * raise waits for a check, asked for at once, so a raise costs one batched level read and a check delay. Lowering
 * never asks.
 */
@Component
class ShopifyRaiseGate implements RaiseGate {

    private final JdbcClient jdbc;
    private final ShopifyLevels levels;

    ShopifyRaiseGate(JdbcClient jdbc, ShopifyLevels levels, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.levels = levels;
        // Read when scraped: how many Shopify levels, over all merchants, differ from what Mercator can explain.
        Gauge.builder("mercator.inventory.shopify.levels.unexplained", this, ShopifyRaiseGate::unexplained)
                .description("Shopify items whose level differs from what orders and Mercator's writes explain")
                .register(meters);
    }

    private record Item(
            String sku,
            String item,
            boolean unexplained,
            @Nullable Instant checkedAt) {}

    @Override
    public Set<String> held(MerchantId merchant, Map<String, Instant> raises) {
        Set<String> held = new HashSet<>();
        List<String> toCheck = new ArrayList<>();
        List<String> all = List.copyOf(raises.keySet());
        for (int from = 0; from < all.size(); from += 1000) {
            for (Item item : items(merchant, all.subList(from, Math.min(all.size(), from + 1000)))) {
                Instant since = raises.get(item.sku());
                if (item.unexplained()) {
                    held.add(item.sku());
                } else if (item.checkedAt() == null
                        || (since != null && item.checkedAt().isBefore(since))) {
                    held.add(item.sku());
                    toCheck.add(item.item());
                }
            }
        }
        if (!toCheck.isEmpty()) {
            levels.checkSoon(merchant, toCheck);
        }
        return held;
    }

    private List<Item> items(MerchantId merchant, List<String> skus) {
        // Unexplained on evidence: a Shopify level that moved and is not checked yet (an anchored item with a check
        // due, or an item that had a signal before it was anchored), one that differs from what Mercator can explain,
        // or a write whose fate is unknown. A SKU not on Shopify has nothing there to hide a sale.
        return jdbc.sql("""
                        select m.sku, l.inventory_item_id, l.checked_at,
                               case when l.gap is not null or l.write_key is not null
                                         or (l.check_due_at is not null and (l.expected is not null or l.signals > 0))
                                    then 1 else 0 end as unexplained
                        from inventory_mappings m
                        join inventory_channel_accounts a on a.merchant_id = m.merchant_id and a.channel = 'shopify'
                        join inventory_shopify_levels l
                          on l.merchant_id = m.merchant_id and l.inventory_item_id = m.shopify_inventory_item_id
                        where m.merchant_id = :merchant and m.sku in (:skus)
                          and m.shopify_inventory_item_id is not null""")
                .param("merchant", merchant.value())
                .param("skus", skus)
                .query((rs, n) -> {
                    Timestamp checked = rs.getTimestamp("checked_at");
                    return new Item(
                            rs.getString("sku"),
                            rs.getString("inventory_item_id"),
                            rs.getInt("unexplained") == 1,
                            checked == null ? null : checked.toInstant());
                })
                .list();
    }

    private double unexplained() {
        return jdbc.sql("select count(*) from inventory_shopify_levels where gap is not null")
                .query(Long.class)
                .single();
    }
}

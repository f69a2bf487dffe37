package dev.mercator.inventory.shopify;

import dev.mercator.inventory.RaiseGate;
import dev.mercator.platform.MerchantId;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Holds raises on every channel while a SKU's Shopify level is not explained (ADR 10): a level that moved and is not
 * checked yet, one that differs from what orders and Mercator's writes explain, or a write whose fate is unknown may
 * hide a sale Mercator has not heard of, and raising an offer then could sell a unit twice. Lowering never asks.
 */
@Component
class ShopifyRaiseGate implements RaiseGate {

    private final JdbcClient jdbc;

    ShopifyRaiseGate(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        // Read when scraped: how many Shopify levels, over all merchants, differ from what Mercator can explain.
        Gauge.builder("mercator.inventory.shopify.levels.unexplained", this, ShopifyRaiseGate::unexplained)
                .description("Shopify items whose level differs from what orders and Mercator's writes explain")
                .register(meters);
    }

    @Override
    public Set<String> held(MerchantId merchant, Collection<String> skus) {
        Set<String> held = new HashSet<>();
        List<String> all = List.copyOf(skus);
        for (int from = 0; from < all.size(); from += 1000) {
            held.addAll(heldAmong(merchant, all.subList(from, Math.min(all.size(), from + 1000))));
        }
        return held;
    }

    private List<String> heldAmong(MerchantId merchant, List<String> skus) {
        // Held on evidence: a Shopify level that moved and is not checked yet (an anchored item with a check due, or an
        // item that had a signal before it was anchored), one that differs from what Mercator can explain, or a
        // write whose fate is unknown. A SKU not on Shopify has nothing there to hide a sale.
        return jdbc.sql("""
                        select m.sku from inventory_mappings m
                        join inventory_channel_accounts a on a.merchant_id = m.merchant_id and a.channel = 'shopify'
                        join inventory_shopify_levels l
                          on l.merchant_id = m.merchant_id and l.inventory_item_id = m.shopify_inventory_item_id
                        where m.merchant_id = :merchant and m.sku in (:skus)
                          and m.shopify_inventory_item_id is not null
                          and (l.gap is not null or l.write_key is not null
                               or (l.check_due_at is not null and (l.expected is not null or l.signals > 0)))""")
                .param("merchant", merchant.value())
                .param("skus", skus)
                .query((rs, n) -> rs.getString(1))
                .list();
    }

    private double unexplained() {
        return jdbc.sql("select count(*) from inventory_shopify_levels where gap is not null")
                .query(Long.class)
                .single();
    }
}

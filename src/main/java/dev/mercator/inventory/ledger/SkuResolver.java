package dev.mercator.inventory.ledger;

import dev.mercator.platform.MerchantId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Turns the way an event names an item (SKU, Shopify inventory item, Amazon seller SKU) into a known SKU. */
@Component
class SkuResolver {

    private final JdbcClient jdbc;

    SkuResolver(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> resolve(MerchantId merchant, StockChange.ItemRef ref) {
        return switch (ref.kind()) {
            // Checked under the row lock when applied: a missing SKU turns the change into an unmapped event there.
            case SKU -> Optional.of(ref.value());
            case SHOPIFY_VARIANT -> Optional.empty();
            case SHOPIFY_INVENTORY_ITEM ->
                jdbc.sql("""
                            select m.sku from inventory_mappings m
                            join inventory_skus s on s.merchant_id = m.merchant_id and s.sku = m.sku
                            where m.merchant_id = :merchant and m.shopify_inventory_item_id = :ref""")
                        .param("merchant", merchant.value())
                        .param("ref", ref.value())
                        .query(String.class)
                        .optional();
            case AMAZON_SELLER_SKU ->
                jdbc.sql("""
                            select m.sku from inventory_mappings m
                            join inventory_skus s on s.merchant_id = m.merchant_id and s.sku = m.sku
                            where m.merchant_id = :merchant and m.amazon_seller_sku = :ref""")
                        .param("merchant", merchant.value())
                        .param("ref", ref.value())
                        .query(String.class)
                        .optional()
                        // Without an explicit mapping the seller SKU is the SKU, as most sellers use one SKU
                        // everywhere.
                        .or(() -> exists(merchant, ref.value()) ? Optional.of(ref.value()) : Optional.empty());
        };
    }

    private boolean exists(MerchantId merchant, String sku) {
        return jdbc.sql("select count(*) from inventory_skus where merchant_id = :merchant and sku = :sku")
                        .param("merchant", merchant.value())
                        .param("sku", sku)
                        .query(Integer.class)
                        .single()
                > 0;
    }
}

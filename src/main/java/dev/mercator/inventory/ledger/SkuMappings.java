package dev.mercator.inventory.ledger;

import dev.mercator.inventory.sync.ChannelOutbox;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.web.ApiProblem;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** How a SKU is known on each channel: Amazon seller SKU and ASIN, Shopify inventory item and location. */
@Component
public class SkuMappings {

    private final JdbcClient jdbc;
    private final ChannelOutbox outbox;
    private final InventoryLedger ledger;
    private final Clock clock;

    SkuMappings(JdbcClient jdbc, ChannelOutbox outbox, InventoryLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.ledger = ledger;
        this.clock = clock;
    }

    public record SkuMapping(
            String sku,
            String asin,
            @Nullable String amazonSellerSku,
            @Nullable String shopifyInventoryItemId,
            @Nullable String shopifyLocationId) {}

    /**
     * Maps the SKU (replacing its mapping), pushes every channel of it again and applies the events that were waiting
     * for it.
     */
    @Transactional
    public SkuMapping map(MerchantId merchant, SkuMapping mapping) {
        try {
            jdbc.sql("""
                            merge into inventory_mappings t
                            using (values (cast(:merchant as uuid), cast(:sku as varchar(100)))) as k (merchant_id, sku)
                            on t.merchant_id = k.merchant_id and t.sku = k.sku
                            when matched then update set asin = :asin, amazon_seller_sku = :sellerSku,
                                shopify_inventory_item_id = :item, shopify_location_id = :location, updated_at = :now
                            when not matched then insert (merchant_id, sku, asin, amazon_seller_sku,
                                shopify_inventory_item_id, shopify_location_id, updated_at)
                                values (:merchant, :sku, :asin, :sellerSku, :item, :location, :now)""")
                    .param("merchant", merchant.value())
                    .param("sku", mapping.sku())
                    .param("asin", mapping.asin())
                    .param("sellerSku", mapping.amazonSellerSku())
                    .param("item", mapping.shopifyInventoryItemId())
                    .param("location", mapping.shopifyLocationId())
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict("Another SKU is already mapped to that Shopify inventory item or Amazon SKU");
        }
        outbox.requeue(merchant, mapping.sku());
        ledger.applyPendingFor(merchant, mapping.sku());
        return find(merchant, mapping.sku()).orElseThrow();
    }

    public Optional<SkuMapping> find(MerchantId merchant, String sku) {
        return jdbc.sql("""
                        select sku, asin, amazon_seller_sku, shopify_inventory_item_id, shopify_location_id
                        from inventory_mappings where merchant_id = :merchant and sku = :sku""")
                .param("merchant", merchant.value())
                .param("sku", sku)
                .query((rs, n) -> new SkuMapping(
                        rs.getString("sku"),
                        rs.getString("asin"),
                        rs.getString("amazon_seller_sku"),
                        rs.getString("shopify_inventory_item_id"),
                        rs.getString("shopify_location_id")))
                .optional();
    }
}

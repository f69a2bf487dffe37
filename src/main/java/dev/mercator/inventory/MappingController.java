package dev.mercator.inventory;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** How a SKU is known on each channel: Amazon seller SKU and ASIN, Shopify inventory item and location. */
@RestController
@RequestMapping(path = "/api/mapping", produces = "application/json")
@Tag(name = "Inventory")
class MappingController {

    private final JdbcClient jdbc;
    private final InventoryLedger ledger;
    private final Clock clock;

    MappingController(JdbcClient jdbc, InventoryLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    record Mapping(
            @NotBlank @Size(max = 100) String sku,

            @NotBlank @Pattern(regexp = "[A-Z0-9]{10}", message = "must be a 10-character ASIN")
            String asin,

            @Nullable @Size(min = 1, max = 100) String amazonSellerSku,

            @Nullable @Pattern(regexp = "[0-9]{1,20}", message = "must be a numeric Shopify id")
            String shopifyInventoryItemId,

            @Nullable @Pattern(regexp = "[0-9]{1,20}", message = "must be a numeric Shopify id")
            String shopifyLocationId) {}

    @Operation(summary = "Map a SKU to its Amazon and Shopify identities; waiting events for it are applied")
    @PostMapping(consumes = "application/json")
    @Transactional
    Mapping map(@Valid @RequestBody Mapping mapping) {
        MerchantId merchant = CurrentMerchant.require();
        Skus.valid(mapping.sku());
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
        // The channel identities may be new: every channel of the SKU is pushed again, from a fresh read, and a push
        // that failed for want of a mapping ("not mapped to a Shopify inventory item") is retried instead of staying in
        // its error state.
        jdbc.sql("""
                        update inventory_channels
                        set dirty = true,
                            change_seq = change_seq + 1,
                            dirty_since = coalesce(dirty_since, :now),
                            sync_state = 'pending',
                            error_reason = null,
                            last_broadcast = null,
                            attempts = 0,
                            verify_attempts = 0,
                            verify_due_at = null,
                            next_attempt_at = null
                        where merchant_id = :merchant and sku = :sku""")
                .param("now", Timestamp.from(clock.instant()))
                .param("merchant", merchant.value())
                .param("sku", mapping.sku())
                .update();
        ledger.applyPendingFor(merchant, mapping.sku());
        return find(merchant, mapping.sku());
    }

    @GetMapping("/{sku}")
    Mapping get(@PathVariable String sku) {
        return find(CurrentMerchant.require(), Skus.valid(sku));
    }

    private Mapping find(MerchantId merchant, String sku) {
        return jdbc.sql("""
                        select sku, asin, amazon_seller_sku, shopify_inventory_item_id, shopify_location_id
                        from inventory_mappings where merchant_id = :merchant and sku = :sku""")
                .param("merchant", merchant.value())
                .param("sku", sku)
                .query((rs, n) -> new Mapping(
                        rs.getString("sku"),
                        rs.getString("asin"),
                        rs.getString("amazon_seller_sku"),
                        rs.getString("shopify_inventory_item_id"),
                        rs.getString("shopify_location_id")))
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("No mapping for SKU " + sku));
    }
}

package dev.mercator.inventory.web;

import dev.mercator.audit.AuditedChange;
import dev.mercator.inventory.ledger.SkuMappings;
import dev.mercator.inventory.ledger.Skus;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
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

    private final SkuMappings mappings;
    private final ApplicationEventPublisher events;

    MappingController(SkuMappings mappings, ApplicationEventPublisher events) {
        this.mappings = mappings;
        this.events = events;
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

    @Operation(
            operationId = "mapSku",
            summary = "Map a SKU to its Amazon and Shopify identities; waiting events for it are applied")
    @PostMapping(consumes = "application/json")
    @Transactional
    Mapping map(@Valid @RequestBody Mapping mapping) {
        MerchantId merchant = CurrentMerchant.require();
        Skus.valid(mapping.sku());
        Mapping before = mappings.find(merchant, mapping.sku())
                .map(MappingController::view)
                .orElse(null);
        SkuMappings.SkuMapping saved = mappings.map(
                merchant,
                new SkuMappings.SkuMapping(
                        mapping.sku(),
                        mapping.asin(),
                        mapping.amazonSellerSku(),
                        mapping.shopifyInventoryItemId(),
                        mapping.shopifyLocationId()));
        Mapping after = view(saved);
        if (!after.equals(before)) {
            events.publishEvent(AuditedChange.of(merchant, "sku:" + mapping.sku(), "mapping.set", before, after));
        }
        return after;
    }

    @Operation(operationId = "getMapping", summary = "How a SKU is known on Amazon and Shopify")
    @GetMapping("/{sku}")
    Mapping get(@PathVariable String sku) {
        return find(CurrentMerchant.require(), Skus.valid(sku));
    }

    private Mapping find(MerchantId merchant, String sku) {
        return mappings.find(merchant, sku)
                .map(MappingController::view)
                .orElseThrow(() -> ApiProblem.notFound("No mapping for SKU " + sku));
    }

    private static Mapping view(SkuMappings.SkuMapping mapping) {
        return new Mapping(
                mapping.sku(),
                mapping.asin(),
                mapping.amazonSellerSku(),
                mapping.shopifyInventoryItemId(),
                mapping.shopifyLocationId());
    }
}

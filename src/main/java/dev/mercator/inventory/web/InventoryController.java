package dev.mercator.inventory.web;

import dev.mercator.audit.AuditedChange;
import dev.mercator.inventory.StockLevels;
import dev.mercator.inventory.StockSource;
import dev.mercator.inventory.ledger.InventoryLedger;
import dev.mercator.inventory.ledger.Skus;
import dev.mercator.inventory.ledger.StockChange;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's stock: counts, manual adjustments, the ledger and events waiting for an unknown SKU. */
@RestController
@RequestMapping(path = "/api/inventory", produces = "application/json")
@Tag(name = "Inventory")
class InventoryController {

    private final InventoryLedger ledger;
    private final StockLevels levels;
    private final ApplicationEventPublisher events;

    InventoryController(InventoryLedger ledger, StockLevels levels, ApplicationEventPublisher events) {
        this.ledger = ledger;
        this.levels = levels;
        this.events = events;
    }

    record SetPhysical(@NotNull @Min(0) @Max(1_000_000_000) Integer physical) {}

    record Adjustment(
            @Nullable @Min(-1_000_000_000) @Max(1_000_000_000)
            Integer delta,

            @Nullable @Min(0) @Max(1_000_000_000) Integer physical,
            @NotBlank @Size(max = 200) String reason) {}

    @Operation(operationId = "setStock", summary = "Create a SKU or set its physical count")
    @PutMapping(path = "/{sku}", consumes = "application/json")
    @Transactional
    StockLevels.SkuView set(
            @PathVariable String sku,
            @Valid @RequestBody SetPhysical request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        MerchantId merchant = CurrentMerchant.require();
        Skus.valid(sku);
        boolean existed = levels.find(merchant, sku).isPresent();
        InventoryLedger.Result result = ledger.createOrApply(
                merchant,
                sku,
                StockChange.set(
                        StockChange.ItemRef.sku(sku),
                        request.physical(),
                        StockSource.API,
                        eventId(idempotencyKey),
                        "set via API",
                        "api-key"));
        audit(merchant, sku, "stock.set", existed, result, "set via API");
        return levels.find(merchant, sku).orElseThrow();
    }

    @Operation(
            operationId = "adjustStock",
            summary = "Adjust a SKU's physical count by a delta, or set it, with a reason")
    @PostMapping(path = "/{sku}/adjust", consumes = "application/json")
    @Transactional
    StockLevels.SkuView adjust(
            @PathVariable String sku,
            @Valid @RequestBody Adjustment request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        MerchantId merchant = CurrentMerchant.require();
        Skus.valid(sku);
        if ((request.delta() == null) == (request.physical() == null)) {
            throw ApiProblem.badRequest("Give exactly one of delta or physical");
        }
        existing(merchant, sku);
        StockChange.ItemRef ref = StockChange.ItemRef.sku(sku);
        String eventId = eventId(idempotencyKey);
        StockChange change = request.delta() != null
                ? StockChange.delta(ref, request.delta(), StockSource.API, eventId, request.reason(), "api-key")
                : StockChange.set(
                        ref, requireNonNull(request.physical()), StockSource.API, eventId, request.reason(), "api-key");
        audit(merchant, sku, "stock.adjusted", true, ledger.apply(merchant, change), request.reason());
        return existing(merchant, sku);
    }

    @Operation(
            operationId = "listStock",
            summary = "The merchant's SKUs with their counts per channel, a page at a time")
    @GetMapping
    StockLevels.Page<StockLevels.SkuView> list(
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return levels.page(CurrentMerchant.require(), page, size);
    }

    @Operation(operationId = "getStock", summary = "One SKU's physical count and what each channel is offered")
    @GetMapping("/{sku}")
    StockLevels.SkuView get(@PathVariable String sku) {
        return existing(CurrentMerchant.require(), Skus.valid(sku));
    }

    @Operation(operationId = "getStockHistory", summary = "A SKU's ledger: every change to its count, oldest first")
    @GetMapping("/{sku}/history")
    StockLevels.Page<StockLevels.LedgerEntry> history(
            @PathVariable String sku,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        MerchantId merchant = CurrentMerchant.require();
        existing(merchant, Skus.valid(sku));
        return levels.history(merchant, sku, page, size);
    }

    @Operation(
            operationId = "listUnmappedEvents",
            summary = "Events for SKUs Mercator does not know yet; applied once the SKU exists or is mapped")
    @GetMapping("/unmapped")
    List<StockLevels.UnmappedEvent> unmapped() {
        return levels.unmapped(CurrentMerchant.require());
    }

    /** The audit record of a count this request changed; a replay of an idempotency key changed nothing. */
    private void audit(
            MerchantId merchant,
            String sku,
            String action,
            boolean existed,
            InventoryLedger.Result result,
            String reason) {
        if (result.outcome() != InventoryLedger.Outcome.APPLIED) {
            return;
        }
        events.publishEvent(AuditedChange.of(
                merchant,
                "sku:" + sku,
                action,
                existed ? Map.of("physical", result.physicalBefore()) : null,
                Map.of("physical", result.physicalAfter(), "reason", reason)));
    }

    private StockLevels.SkuView existing(MerchantId merchant, String sku) {
        return levels.find(merchant, sku).orElseThrow(() -> ApiProblem.notFound("No SKU " + sku));
    }

    private static String eventId(@Nullable String idempotencyKey) {
        if (idempotencyKey == null) {
            return "api:" + UUID.randomUUID();
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 100) {
            throw ApiProblem.badRequest("Idempotency-Key must be 1 to 100 characters");
        }
        // A retried request with the same key is applied once.
        return "api:key:" + idempotencyKey;
    }

    private static int requireNonNull(@Nullable Integer value) {
        if (value == null) {
            throw new IllegalStateException("checked above");
        }
        return value;
    }
}

package dev.mercator.inventory.returns;

import dev.mercator.inventory.StockLevels;
import dev.mercator.inventory.ledger.Skus;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's returns: report one, list them, inspect one, and a SKU's return rate. */
@RestController
@RequestMapping(path = "/api/returns", produces = "application/json")
@Tag(name = "Returns")
class ReturnsController {

    static final String ACTOR = "api-key";

    private final Returns returns;
    private final ReturnQueries queries;
    private final ReturnWebhookSecrets secrets;
    private final Clock clock;

    ReturnsController(Returns returns, ReturnQueries queries, ReturnWebhookSecrets secrets, Clock clock) {
        this.returns = returns;
        this.queries = queries;
        this.secrets = secrets;
        this.clock = clock;
    }

    record Inspection(@NotBlank String disposition) {}

    @Operation(
            operationId = "reportReturn",
            summary = "Report a return from another system (a 3PL, a helpdesk); routed by its disposition")
    @PostMapping(consumes = "application/json")
    ResponseEntity<ReturnView> report(
            @Valid @RequestBody ReturnRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        MerchantId merchant = CurrentMerchant.require();
        Skus.valid(request.sku());
        Returns.Recorded recorded =
                returns.record(merchant, request.toIncoming("api", idempotencyKey, clock.instant(), ACTOR), null);
        return ResponseEntity.status(recorded.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(recorded.view());
    }

    @Operation(operationId = "listReturns", summary = "The merchant's returns, newest first, filtered")
    @GetMapping
    StockLevels.Page<ReturnView> list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String disposition,
            @RequestParam(required = false) @Nullable String sku,
            @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        ReturnStatus statusFilter = status == null
                ? null
                : ReturnStatus.find(status).orElseThrow(() -> ReturnRequest.invalid("status", "unknown status"));
        Disposition dispositionFilter = disposition == null
                ? null
                : Disposition.find(disposition)
                        .orElseThrow(() -> ReturnRequest.invalid("disposition", "unknown disposition"));
        if (sku != null) {
            Skus.valid(sku);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ReturnRequest.invalid("to", "must be after from");
        }
        return queries.list(
                CurrentMerchant.require(),
                new ReturnQueries.Filter(statusFilter, dispositionFilter, sku, from, to),
                page,
                size);
    }

    @Operation(operationId = "getReturn", summary = "One return")
    @GetMapping("/{id}")
    ReturnView get(@PathVariable UUID id) {
        return returns.find(CurrentMerchant.require(), id).orElseThrow(() -> ApiProblem.notFound("No return " + id));
    }

    @Operation(
            operationId = "inspectReturn",
            summary = "Record what came back in a merchant-fulfilled return; restocks once if sellable."
                    + " A return is inspected once; FBA returns are inspected by Amazon")
    @PostMapping(path = "/{id}/inspect", consumes = "application/json")
    ReturnView inspect(@PathVariable UUID id, @Valid @RequestBody Inspection inspection) {
        Disposition observed = Disposition.fromReported(inspection.disposition())
                .orElseThrow(() -> ReturnRequest.invalid("disposition", "unknown disposition"));
        return returns.inspect(CurrentMerchant.require(), id, observed, ACTOR);
    }

    @Operation(
            operationId = "getReturnStats",
            summary = "A SKU's return rate, reasons and dispositions over 30 and 90 days")
    @GetMapping("/stats")
    ReturnQueries.Stats stats(@RequestParam String sku) {
        return queries.stats(CurrentMerchant.require(), Skus.valid(sku));
    }

    @Operation(
            operationId = "listFbaPool",
            summary = "Units Amazon holds per SKU (FBA Inventory), beside physical; never broadcast by Mercator")
    @GetMapping("/fba-pool")
    java.util.List<ReturnQueries.PoolView> fbaPool(@RequestParam(required = false) @Nullable String sku) {
        if (sku != null) {
            Skus.valid(sku);
        }
        return queries.pools(CurrentMerchant.require(), sku);
    }

    @Operation(
            operationId = "rotateReturnsWebhookSecret",
            summary = "Issue a new secret for the returns webhook (POST /webhook/amazon/return); shown once")
    @PostMapping("/webhook-secret")
    ResponseEntity<Map<String, String>> rotateSecret() {
        MerchantId merchant = CurrentMerchant.require();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("merchantId", merchant.toString(), "secret", secrets.issue(merchant)));
    }
}

package dev.mercator.inventory.reconciliation;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's reconciliation runs (ADR 24): start one, list them newest first, read one with its drifts. */
@RestController
@RequestMapping(path = "/api/reconciliation/runs", produces = "application/json")
@Tag(name = "Reconciliation")
class ReconciliationController {

    private final ReconciliationRunner runner;
    private final ReconciliationRuns runs;

    ReconciliationController(ReconciliationRunner runner, ReconciliationRuns runs) {
        this.runner = runner;
        this.runs = runs;
    }

    @Operation(
            operationId = "startReconciliationRun",
            summary = "Compare what every connected channel offers with what it confirmed, and repair drift; "
                    + "409 while a run is running for the merchant")
    @PostMapping
    ResponseEntity<ReconciliationRuns.RunDetail> start() {
        MerchantId merchant = CurrentMerchant.require();
        ReconciliationRuns.Run run = runner.request(merchant);
        ReconciliationRuns.RunDetail view = runs.find(merchant, run.id()).orElseThrow();
        return ResponseEntity.accepted()
                .location(URI.create("/api/reconciliation/runs/" + run.id()))
                .body(view);
    }

    @Operation(
            operationId = "listReconciliationRuns",
            summary = "List the merchant's reconciliation runs, newest first")
    @GetMapping
    ReconciliationRuns.Page<ReconciliationRuns.RunView> list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return runs.page(CurrentMerchant.require(), page, size);
    }

    @Operation(operationId = "getReconciliationRun", summary = "One reconciliation run with the drifts it found")
    @GetMapping("/{id}")
    ReconciliationRuns.RunDetail get(@PathVariable String id) {
        UUID runId;
        try {
            runId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("No reconciliation run " + id);
        }
        return runs.find(CurrentMerchant.require(), runId)
                .orElseThrow(() -> ApiProblem.notFound("No reconciliation run " + id));
    }
}

package dev.mercator.audit.web;

import dev.mercator.audit.chain.AuditChain;
import dev.mercator.audit.chain.AuditRecords;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's own audit trail: who changed what, newest first, and whether the chain is intact. Only its own. */
@RestController
@RequestMapping(path = "/api/audit", produces = "application/json")
@Tag(name = "Audit")
class AuditController {

    private final AuditRecords records;
    private final AuditChain chain;

    AuditController(AuditRecords records, AuditChain chain) {
        this.records = records;
        this.chain = chain;
    }

    @Operation(
            operationId = "listAuditRecords",
            summary = "The merchant's audit records, newest first, optionally by time window [from, to), actor and"
                    + " subject")
    @GetMapping
    AuditRecords.Page list(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String subject,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        MerchantId merchant = CurrentMerchant.require();
        return records.page(AuditQuery.filter(merchant, from, to, actor, subject), page, size);
    }

    @Operation(
            operationId = "verifyAuditTrail",
            summary = "Recompute the merchant's hash chain: ok, or the first record that was altered or is missing")
    @GetMapping("/verify")
    AuditChain.Verification verify() {
        return chain.verify(CurrentMerchant.require());
    }
}

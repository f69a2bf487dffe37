package dev.mercator.audit.web;

import dev.mercator.audit.chain.AuditChain;
import dev.mercator.audit.chain.AuditRecords;
import dev.mercator.platform.MerchantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator's view of the audit trail (admin token required): any merchant's records, or all of them. */
@RestController
@RequestMapping(path = "/api/admin/audit", produces = "application/json")
@Tag(name = "Admin: audit")
class AuditAdminController {

    private final AuditRecords records;
    private final AuditChain chain;

    AuditAdminController(AuditRecords records, AuditChain chain) {
        this.records = records;
        this.chain = chain;
    }

    @Operation(
            operationId = "listAllAuditRecords",
            summary = "Audit records of one merchant, or of every merchant when none is named, newest first")
    @GetMapping
    AuditRecords.Page list(
            @RequestParam(required = false) @Nullable UUID merchant,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String subject,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return records.page(
                AuditQuery.filter(merchant == null ? null : new MerchantId(merchant), from, to, actor, subject),
                page,
                size);
    }

    @Operation(operationId = "verifyMerchantAuditTrail", summary = "Recompute one merchant's hash chain")
    @GetMapping("/verify")
    AuditChain.Verification verify(@RequestParam UUID merchant) {
        return chain.verify(new MerchantId(merchant));
    }
}

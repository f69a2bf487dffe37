package dev.mercator.merchants;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints for tenants and their keys (admin token required). */
@RestController
@RequestMapping(path = "/api/admin/merchants", produces = "application/json")
@Tag(name = "Admin: merchants")
class MerchantAdminController {

    private final Merchants merchants;
    private final ApiKeys keys;

    MerchantAdminController(Merchants merchants, ApiKeys keys) {
        this.merchants = merchants;
        this.keys = keys;
    }

    record CreateMerchant(
            @NotBlank
            @Size(max = 200)
            @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
            String name) {}

    record CreatedMerchant(UUID id, String name, UUID keyId, String apiKey) {}

    record IssueKey(@Nullable @Size(max = 100) String label) {}

    record NewKey(UUID keyId, String apiKey) {}

    record MerchantView(UUID id, String name, Instant createdAt, List<ApiKeys.KeySummary> keys) {}

    @Operation(
            operationId = "createMerchant",
            summary = "Create a merchant; the API key is returned once and never again")
    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<CreatedMerchant> create(@Valid @RequestBody CreateMerchant request) {
        IssuedKey issued = merchants.create(request.name().strip());
        return ResponseEntity.created(URI.create("/api/admin/merchants/" + issued.merchant()))
                .body(new CreatedMerchant(
                        issued.merchant().value(), request.name().strip(), issued.keyId(), issued.apiKey()));
    }

    @Operation(operationId = "listMerchants", summary = "Every merchant")
    @GetMapping
    List<Merchant> list() {
        return merchants.list();
    }

    @Operation(
            operationId = "getMerchant",
            summary = "A merchant with its API keys (id, hint and label; never the key itself)")
    @GetMapping("/{id}")
    MerchantView get(@PathVariable UUID id) {
        Merchant merchant = existing(id);
        return new MerchantView(id, merchant.name(), merchant.createdAt(), keys.list(merchant.id()));
    }

    @Operation(operationId = "issueApiKey", summary = "Issue another API key for a merchant")
    @PostMapping(path = "/{id}/keys", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    NewKey issue(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable IssueKey request) {
        Merchant merchant = existing(id);
        IssuedKey issued = merchants.issueKey(merchant.id(), request == null ? null : request.label());
        return new NewKey(issued.keyId(), issued.apiKey());
    }

    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key")
    @DeleteMapping("/{id}/keys/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID id, @PathVariable UUID keyId) {
        Merchant merchant = existing(id);
        if (!merchants.revokeKey(merchant.id(), keyId)) {
            throw ApiProblem.notFound("No active key " + keyId + " for merchant " + id);
        }
    }

    private Merchant existing(UUID id) {
        return merchants.find(new MerchantId(id)).orElseThrow(() -> ApiProblem.notFound("No merchant " + id));
    }
}

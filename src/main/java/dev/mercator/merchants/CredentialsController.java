package dev.mercator.merchants;

import dev.mercator.audit.AuditedChange;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.crypto.UndecryptableSecretException;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A merchant's own credentials. Write-only by design: values go in and are never sent back by any endpoint, so a
 * leaked API key cannot be used to read the merchant's marketplace secrets.
 */
@RestController
@RequestMapping(path = "/api/credentials", produces = "application/json")
@Tag(name = "Credentials")
class CredentialsController {

    private final MerchantCredentials credentials;
    private final ApplicationEventPublisher events;

    CredentialsController(MerchantCredentials credentials, ApplicationEventPublisher events) {
        this.credentials = credentials;
        this.events = events;
    }

    @Operation(
            operationId = "storeCredentials",
            summary = "Store or replace a named credential set (a JSON object of string fields); never returned")
    @PutMapping(path = "/{name}", consumes = "application/json")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void store(@PathVariable String name, @RequestBody Map<String, @Nullable Object> fields) {
        MerchantId merchant = CurrentMerchant.require();
        List<MerchantCredentials.Violation> violations = MerchantCredentials.violations(name, fields);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((field, value) -> values.put(field, (String) value));
        Optional<Map<String, String>> previous = previous(merchant, name);
        credentials.store(merchant, name, values);
        // Field names only, and which of them changed: never a value.
        TreeSet<String> changed = new TreeSet<>();
        values.forEach((field, value) -> {
            if (previous.isEmpty() || !value.equals(previous.get().get(field))) {
                changed.add(field);
            }
        });
        previous.ifPresent(old -> old.keySet().stream()
                .filter(field -> !values.containsKey(field))
                .forEach(changed::add));
        events.publishEvent(AuditedChange.of(
                merchant,
                "credentials:" + name,
                "credentials.stored",
                previous.map(old -> Map.of("fields", new TreeSet<>(old.keySet())))
                        .orElse(null),
                Map.of("fields", new TreeSet<>(values.keySet()), "changedFields", changed)));
    }

    /** The set being replaced, to say which fields changed; one that no longer decrypts counts as wholly changed. */
    private Optional<Map<String, String>> previous(MerchantId merchant, String name) {
        try {
            return credentials.find(merchant, name);
        } catch (UndecryptableSecretException e) {
            return Optional.empty();
        }
    }

    @Operation(
            operationId = "listCredentials",
            summary = "List configured credential sets: names and field names, never values")
    @GetMapping
    List<CredentialSummary> list() {
        return credentials.list(CurrentMerchant.require());
    }

    @Operation(operationId = "deleteCredentials", summary = "Delete a credential set")
    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void delete(@PathVariable String name) {
        MerchantId merchant = CurrentMerchant.require();
        if (!MerchantCredentials.NAME.matcher(name).matches()) {
            throw invalid(List.of(
                    new MerchantCredentials.Violation("name", "must be 1 to 50 lowercase letters, digits or hyphens")));
        }
        List<String> fields = credentials.list(merchant).stream()
                .filter(summary -> summary.name().equals(name))
                .findFirst()
                .map(CredentialSummary::fields)
                .orElse(List.of());
        if (!credentials.delete(merchant, name)) {
            throw ApiProblem.notFound("No credentials named '" + name + "'");
        }
        events.publishEvent(AuditedChange.of(
                merchant, "credentials:" + name, "credentials.deleted", Map.of("fields", fields), null));
    }

    private static ApiProblem invalid(List<MerchantCredentials.Violation> violations) {
        return new ApiProblem(ProblemType.VALIDATION, "The request has invalid fields")
                .with(
                        "errors",
                        violations.stream()
                                .map(v -> Map.of("field", v.field(), "message", v.message()))
                                .toList());
    }
}

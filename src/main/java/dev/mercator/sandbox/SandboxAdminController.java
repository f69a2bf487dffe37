package dev.mercator.sandbox;

import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints that make a simulated provider slow, flaky, throttled or down (admin token required). */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/api/admin/sandbox/{provider}/faults", produces = "application/json")
@Tag(name = "Admin: sandbox")
class SandboxAdminController {

    private final SimulatedProviders providers;
    private final SandboxFaults faults;

    SandboxAdminController(SimulatedProviders providers, SandboxFaults faults) {
        this.providers = providers;
        this.faults = faults;
    }

    /**
     * Faults to set; a field left out is no fault of that kind. Latency is capped at a minute so a typo cannot park
     * request threads for hours. {@code times} limits the faulted responses (0 or left out: until deleted).
     */
    record SetFaults(
            @Nullable @Min(0) @Max(60_000) Long latencyMs,
            @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double errorRate,
            @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double throttleRate,
            @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double badRequestRate,
            @Nullable Boolean outage,
            @Nullable @Min(0) @Max(86_400) Long retryAfterSeconds,
            @Nullable @Min(0) @Max(1_000_000) Integer times) {

        Faults toFaults() {
            return new Faults(
                    latencyMs == null ? 0 : latencyMs,
                    errorRate == null ? 0 : errorRate,
                    throttleRate == null ? 0 : throttleRate,
                    badRequestRate == null ? 0 : badRequestRate,
                    outage != null && outage,
                    retryAfterSeconds == null ? Faults.DEFAULT_RETRY_AFTER_SECONDS : retryAfterSeconds,
                    times == null ? 0 : times);
        }
    }

    record FaultsView(
            String provider,
            long latencyMs,
            double errorRate,
            double throttleRate,
            double badRequestRate,
            boolean outage,
            long retryAfterSeconds,
            int times) {

        static FaultsView of(String provider, Faults faults) {
            return new FaultsView(
                    provider,
                    faults.latencyMs(),
                    faults.errorRate(),
                    faults.throttleRate(),
                    faults.badRequestRate(),
                    faults.outage(),
                    faults.retryAfterSeconds(),
                    faults.times());
        }
    }

    @Operation(summary = "Replace a simulated provider's faults (fields left out are off)")
    @PostMapping(consumes = "application/json")
    FaultsView set(@PathVariable String provider, @Valid @RequestBody SetFaults request) {
        String name = existing(provider);
        faults.set(name, request.toFaults());
        return FaultsView.of(name, faults.of(name));
    }

    @Operation(summary = "Show a simulated provider's faults")
    @GetMapping
    FaultsView get(@PathVariable String provider) {
        String name = existing(provider);
        return FaultsView.of(name, faults.of(name));
    }

    @Operation(summary = "Remove all faults of a simulated provider")
    @DeleteMapping
    ResponseEntity<Void> reset(@PathVariable String provider) {
        faults.clear(existing(provider));
        return ResponseEntity.noContent().build();
    }

    private String existing(String provider) {
        return providers
                .find(provider)
                .map(SimulatedProvider::name)
                .orElseThrow(() -> ApiProblem.notFound("No simulated provider '" + provider + "'")
                        .with("providers", providers.names()));
    }
}

package dev.mercator.sandbox.vision;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.catalog.Json;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives the vision simulator: which photos show what ({@code POST /sim/items}, by the SHA-256 of the photo's bytes),
 * which API keys it accepts and at what requests-per-minute ({@code POST/DELETE /sim/keys}), and what it has seen
 * ({@code GET /sim/stats}).
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + VisionSimulator.NAME + "/sim", produces = MediaType.APPLICATION_JSON_VALUE)
class VisionSimControl {

    private final SimulatedVision state;

    VisionSimControl(SimulatedVision state) {
        this.state = state;
    }

    /** What a photo shows; {@code behaviour} makes the model refuse or answer badly instead. */
    record NewItem(
            @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256,
            @NotBlank @Size(max = 200) String title,
            @Nullable @Size(max = 120) String brand,
            @Nullable @Size(max = 120) String model,
            @Nullable @Pattern(regexp = "\\d{8}|\\d{12,14}") String gtin,
            @Nullable @Pattern(regexp = "[a-z_]{2,40}") String condition,
            @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double confidence,

            @Nullable @Pattern(regexp = "answer|refuse|malformed|truncate|filter")
            String behaviour) {}

    @PostMapping("/items")
    ResponseEntity<String> addItem(@RequestBody @Valid NewItem item) {
        state.items.put(
                item.sha256().toLowerCase(Locale.ROOT),
                new SimulatedVision.Item(
                        item.title(),
                        item.brand(),
                        item.model(),
                        item.gtin(),
                        item.condition(),
                        item.confidence() == null ? 0.9 : item.confidence(),
                        item.behaviour() == null
                                ? SimulatedVision.Behaviour.ANSWER
                                : SimulatedVision.Behaviour.valueOf(
                                        item.behaviour().toUpperCase(Locale.ROOT))));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Json.write(Json.object().put("sha256", item.sha256().toLowerCase(Locale.ROOT))));
    }

    record NewKey(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{8,200}")
            String key,

            @Nullable @Min(1) @Max(1_000_000) Integer requestsPerMinute) {}

    /** Adds a key, or replaces one with a full bucket at its new limit. */
    @PostMapping("/keys")
    ResponseEntity<Void> addKey(@RequestBody @Valid NewKey key) {
        state.putKey(
                key.key(), key.requestsPerMinute() == null ? SimulatedVision.DEFAULT_RPM : key.requestsPerMinute());
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    /** Revokes a key: every call with it answers 401 from now on. */
    @DeleteMapping("/keys/{key}")
    ResponseEntity<Void> revokeKey(@PathVariable String key) {
        return state.keys.remove(key) == null
                ? ResponseEntity.notFound().build()
                : ResponseEntity.noContent().build();
    }

    @GetMapping("/stats")
    ResponseEntity<String> stats() {
        ObjectNode stats = Json.object()
                .put("requests", state.requests.get())
                .put("answered", state.answered.get())
                .put("throttled", state.throttled.get())
                .put("rejected", state.rejected.get());
        ObjectNode last = state.lastRequest.get();
        if (last != null) {
            stats.set("lastRequest", last);
        } else {
            stats.putNull("lastRequest");
        }
        return ResponseEntity.ok(Json.write(stats));
    }
}

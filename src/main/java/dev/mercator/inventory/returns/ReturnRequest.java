package dev.mercator.inventory.returns;

import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A return reported by another system (a 3PL, a helpdesk) through {@code POST /api/returns} or the returns webhook:
 * the same body for both.
 *
 * @param disposition as the system names it (Amazon's report values, the seed's six, or Mercator's own); absent means
 *     the parcel waits for inspection
 */
record ReturnRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9#._-]{1,100}")
        String orderId,

        @NotBlank @Size(max = 100) String sku,
        @NotNull @Min(1) @Max(1_000_000) Integer quantity,
        @NotBlank @Pattern(regexp = "amazon|shopify") String channel,
        @NotBlank @Pattern(regexp = "merchant|amazon") String fulfilledBy,
        @Nullable @Size(min = 1, max = 64) String disposition,
        @Nullable @Size(max = 200) String reason,
        @Nullable Instant returnedAt,
        @Nullable @Size(min = 1, max = 64) String licensePlateNumber,

        @Nullable @DecimalMin("0") @Digits(integer = 12, fraction = 2)
        BigDecimal unitValue,

        @Nullable @Pattern(regexp = "[A-Z]{3}") String currency) {

    /** What may not be in the future: a return Amazon or a 3PL stamps a minute ahead is still fine. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    IncomingReturn toIncoming(String origin, @Nullable String idempotencyKey, Instant now, String actor) {
        if (fulfilledBy.equals(IncomingReturn.AMAZON) && !channel.equals(IncomingReturn.AMAZON)) {
            throw invalid("fulfilledBy", "only amazon orders are fulfilled by Amazon");
        }
        if (returnedAt != null && returnedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw invalid("returnedAt", "in the future");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 100)) {
            throw invalid("Idempotency-Key", "must be 1 to 100 characters");
        }
        Instant when = returnedAt != null ? returnedAt : now;
        // A retry with the same key (through the API or the webhook) is the same return; without one, a return that
        // names its date is keyed by what it says, like a report row.
        String key = idempotencyKey != null
                ? "ext:key:" + idempotencyKey
                : returnedAt != null
                        ? "ext:"
                                + String.join(
                                        "|",
                                        channel,
                                        orderId,
                                        sku,
                                        licensePlateNumber == null ? "" : licensePlateNumber,
                                        returnedAt.toString())
                        : "ext:" + java.util.UUID.randomUUID();
        return new IncomingReturn(
                key,
                origin,
                channel,
                fulfilledBy,
                orderId,
                sku,
                quantity,
                disposition,
                reason,
                when,
                licensePlateNumber,
                unitValue,
                currency,
                actor,
                fulfilledBy.equals(IncomingReturn.MERCHANT));
    }

    static ApiProblem invalid(String field, String message) {
        return new ApiProblem(ProblemType.VALIDATION, "The request has invalid fields")
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }
}

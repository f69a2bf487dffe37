package dev.mercator.notifications.web;

import dev.mercator.notifications.ledger.DeliveryLedger;
import dev.mercator.notifications.ledger.DeliveryStatus;
import dev.mercator.notifications.ledger.DeliveryView;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The delivery ledger as the merchant sees it: every message to every destination and its fate. */
@RestController
@RequestMapping(path = "/api/notifications/deliveries", produces = "application/json")
@Tag(name = "Notifications")
class DeliveriesController {

    private final DeliveryLedger ledger;
    private final Clock clock;

    DeliveriesController(DeliveryLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @Operation(
            operationId = "listNotificationDeliveries",
            summary = "List deliveries, newest first, by status, destination and creation time [from, to)",
            description = """
                    Statuses: `pending`, `held` (quiet hours or a digest window), `sending`, `sent` (accepted, a \
                    receipt awaited), `delivered`, `failed`, `dead` (retry budget spent), `suppressed` (over the daily \
                    cap), `folded` (rides in the digest `foldedInto`). `possibleDuplicates` counts sends of unknown \
                    outcome that were sent again (ADR 21).""")
    @GetMapping
    DeliveryLedger.Page<DeliveryView> list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String destination,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        DeliveryLedger.Filter filter = new DeliveryLedger.Filter(
                status == null ? null : status(status),
                destination == null ? null : uuid("destination", destination),
                from == null ? null : instant("from", from),
                to == null ? null : instant("to", to));
        return ledger.page(CurrentMerchant.require(), filter, page, size);
    }

    @Operation(operationId = "getNotificationDelivery", summary = "One delivery")
    @GetMapping("/{id}")
    DeliveryView get(@PathVariable String id) {
        return ledger.find(CurrentMerchant.require(), Ids.parse(id, "delivery"))
                .orElseThrow(() -> ApiProblem.notFound("No delivery " + id));
    }

    @Operation(
            operationId = "resendNotificationDelivery",
            summary = "Send a failed or dead delivery again",
            description = """
                    The same delivery becomes pending again (same id, so the same `Message-ID` and `webhook-id`), its \
                    attempts and retry span start over and `resends` counts it. 409 unless it is `failed` or `dead`, \
                    or while its destination is disabled.""")
    @PostMapping("/{id}/resend")
    DeliveryView resend(@PathVariable String id) {
        MerchantId merchant = CurrentMerchant.require();
        UUID delivery = Ids.parse(id, "delivery");
        switch (ledger.resend(merchant, delivery, clock.instant())) {
            case NOT_FOUND -> throw ApiProblem.notFound("No delivery " + id);
            case NOT_FINAL -> throw ApiProblem.conflict("Only a failed or dead delivery can be resent");
            case DESTINATION_DISABLED ->
                throw ApiProblem.conflict("The destination is disabled; enable it before resending");
            case RESENT -> {}
        }
        return ledger.find(merchant, delivery).orElseThrow();
    }

    private static DeliveryStatus status(String status) {
        return DeliveryStatus.find(status)
                .orElseThrow(() -> ApiProblem.badRequest("Unknown status; one of: "
                                + String.join(
                                        ", ",
                                        Arrays.stream(DeliveryStatus.values())
                                                .map(DeliveryStatus::id)
                                                .toList()))
                        .with("parameter", "status"));
    }

    private static UUID uuid(String parameter, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("Not a destination id").with("parameter", parameter);
        }
    }

    private static Instant instant(String parameter, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("Not an ISO-8601 instant such as 2026-01-31T00:00:00Z")
                    .with("parameter", parameter);
        }
    }
}

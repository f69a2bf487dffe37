package dev.mercator.analytics.intake;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A merchant's commerce events in, in batches. */
@RestController
@RequestMapping(path = "/api/analytics/events", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Analytics")
class EventsController {

    private final EventIntake intake;
    private final IntakeSettings settings;

    EventsController(EventIntake intake, IntakeSettings settings) {
        this.intake = intake;
        this.settings = settings;
    }

    /** The request, for the OpenAPI description (the body is read as JSON and checked event by event). */
    record EventBatch(
            @ArraySchema(minItems = 1, schema = @Schema(implementation = Event.class))
            List<Event> events) {}

    record Event(
            @Schema(
                    description = "Your id of the event, unique per merchant: a repeat is acknowledged as a duplicate",
                    maxLength = 100)
            String id,

            @Schema(
                    allowableValues = {
                        "order_placed",
                        "order_refunded",
                        "return_received",
                        "page_view",
                        "product_view",
                        "add_to_cart",
                        "checkout_started",
                        "payment_attempt",
                        "chargeback"
                    })
            String type,

            @Schema(description = "Version of the type's payload schema", minimum = "1")
            int version,

            OffsetDateTime occurredAt,

            @Schema(description = "The type-specific payload; money as decimal strings with an ISO 4217 currency")
            Map<String, Object> payload) {}

    record Result(
            int index,
            @Nullable String id,

            @Schema(allowableValues = {"accepted", "duplicate", "rejected"})
            String status,

            List<EventIntake.Reason> reasons) {}

    record BatchResult(int accepted, int duplicates, int rejected, List<Result> events) {}

    @Operation(operationId = "postAnalyticsEvents", summary = "Send a batch of commerce events", description = """
                    A JSON object `{"events": [...]}` of up to `mercator.analytics.intake.max-batch-size` events \
                    (1,000 by default; more: 413). Each event has `id` (yours, unique per merchant), `type` \
                    (`order_placed`, `order_refunded`, `return_received`, `page_view`, `product_view`, \
                    `add_to_cart`, `checkout_started`, `payment_attempt`, `chargeback`), `version` (of the type's \
                    payload schema: 1, and 2 for `order_placed` with card fingerprint, IP and addresses), `occurredAt` (RFC 3339 with offset; late and out-of-order events are \
                    welcome) and `payload`, checked against the type's JSON Schema. Money is a decimal string such as \
                    `"19.99"` with a `currency`.

                    Events are judged one by one: the answer lists each as `accepted`, `duplicate` (its id was \
                    already taken: acknowledged, counted once) or `rejected` with its reasons (`invalid_envelope`, \
                    `unknown_type`, `unsupported_version`, `invalid_payload`, `too_large`, `future_event`). Accepted \
                    events are committed before the answer. A body that is not such an object is a 400 problem.""")
    @ApiResponse(responseCode = "200", description = "Each event's outcome, in the order sent")
    @ApiResponse(responseCode = "413", description = "More events than the batch limit (named in the problem)")
    @ApiResponse(responseCode = "415", description = "The body is not application/json")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    BatchResult post(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = EventBatch.class)))
                    @RequestBody
                    JsonNode body) {
        MerchantId merchant = CurrentMerchant.require();
        JsonNode events = body.isObject() ? body.get("events") : null;
        if (events == null || !events.isArray()) {
            throw invalid("events", "the body must be a JSON object with an array of events in \"events\"");
        }
        if (events.isEmpty()) {
            throw invalid("events", "must hold at least one event");
        }
        if (events.size() > settings.maxBatchSize()) {
            throw new ApiProblem(
                            ProblemType.PAYLOAD_TOO_LARGE,
                            "A batch holds at most " + settings.maxBatchSize() + " events; this one has "
                                    + events.size())
                    .with("maxEvents", settings.maxBatchSize());
        }
        List<JsonNode> list = new ArrayList<>(events.size());
        for (JsonNode event : events) {
            list.add(event);
        }
        List<Result> results = new ArrayList<>();
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (EventIntake.Outcome outcome : intake.take(merchant, list)) {
            switch (outcome.status()) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejected++;
            }
            results.add(
                    new Result(outcome.index(), outcome.id(), outcome.status().wire(), outcome.reasons()));
        }
        return new BatchResult(accepted, duplicates, rejected, results);
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(ProblemType.VALIDATION, "The request has invalid fields")
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }
}

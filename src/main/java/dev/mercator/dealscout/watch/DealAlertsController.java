package dev.mercator.dealscout.watch;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The deal alerts watches sent, and the merchant's feedback on each: only the merchant's own. */
@RestController
@RequestMapping(path = "/api/deals/alerts", produces = "application/json")
@Tag(name = "Deal Scout")
class DealAlertsController {

    private final DealAlerts alerts;
    private final Clock clock;

    DealAlertsController(DealAlerts alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
    }

    @Operation(
            operationId = "getDealAlert",
            summary = "One deal alert with the evidence it was sent with, its cap status and its feedback")
    @GetMapping("/{id}")
    DealAlerts.DealAlert get(@PathVariable UUID id) {
        return find(CurrentMerchant.require(), id);
    }

    @Operation(
            operationId = "rateDealAlert",
            summary = "Say whether an alert was a good deal, not a deal, or the wrong item (one verdict, changeable)",
            description = """
                    Body: `{"verdict": "good_deal"}`, `"not_a_deal"` or `"wrong_item"`. A second call replaces the \
                    verdict. The watch shows precision = good deals / alerts with feedback. Another merchant's alert: \
                    404.""")
    @PostMapping(path = "/{id}/feedback", consumes = "application/json")
    @Transactional
    DealAlerts.DealAlert feedback(@PathVariable UUID id, @RequestBody JsonNode body) {
        MerchantId merchant = CurrentMerchant.require();
        JsonNode verdict = body.isObject() ? body.get("verdict") : null;
        DealAlerts.Feedback feedback = verdict != null && verdict.isString()
                ? DealAlerts.Feedback.find(verdict.asString()).orElse(null)
                : null;
        if (feedback == null || body.size() != 1) {
            throw WatchRequest.invalid(List.of(Map.of(
                    "field",
                    "verdict",
                    "message",
                    "must be one of good_deal, not_a_deal, wrong_item (and nothing else)")));
        }
        if (!alerts.feedback(merchant, id, feedback, clock.instant())) {
            throw ApiProblem.notFound("No deal alert " + id);
        }
        return find(merchant, id);
    }

    private DealAlerts.DealAlert find(MerchantId merchant, UUID id) {
        return alerts.find(merchant, id).orElseThrow(() -> ApiProblem.notFound("No deal alert " + id));
    }
}

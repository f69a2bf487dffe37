package dev.mercator.alerts.web;

import dev.mercator.alerts.AlertCleared;
import dev.mercator.alerts.AlertRaised;
import dev.mercator.alerts.AlertSeverity;
import dev.mercator.alerts.AlertType;
import dev.mercator.alerts.centre.AlertBook;
import dev.mercator.audit.AuditedChange;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Alerts the merchant's own systems raise into the centre (a 3PL's missed pick-up, a helpdesk's complaint spike), so
 * they reach the same destinations, rules and ledger as Mercator's own. They have type {@code external.reported}; one
 * open alert per subject, a repeat counts. Module-raised alerts are resolved by their module only: a merchant cannot
 * resolve a condition Mercator still sees.
 */
@RestController
@RequestMapping(path = "/api/alerts", produces = "application/json")
@Tag(name = "Alerts")
class ReportedAlertsController {

    private static final String FIELDS = """
            Fields: `subject` (1 to 200 characters: what it is about; one open alert per subject, a repeat raises its \
            count), `severity` (`info`, `warning`, `critical`), `message` (1 to 2,000 characters), `details` (an \
            object of at most 20 string values of at most 500 characters each, optional). The alert has type \
            `external.reported`. A failing field answers 400 with `errors[].field`, nothing stored.""";

    private static final Set<String> KNOWN = Set.of("subject", "severity", "message", "details");

    private final AlertBook book;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ReportedAlertsController(AlertBook book, Clock clock, ApplicationEventPublisher events) {
        this.book = book;
        this.clock = clock;
        this.events = events;
    }

    @Operation(
            operationId = "reportAlert",
            summary =
                    "Raise an alert from the merchant's own systems (201 when opened, 200 when it repeats an open one)",
            description = FIELDS)
    @PostMapping(consumes = "application/json")
    ResponseEntity<AlertBook.AlertView> report(@RequestBody JsonNode body) {
        MerchantId merchant = CurrentMerchant.require();
        AlertRaised raised = parse(merchant, body, clock.instant());
        boolean repeat = book.findOpen(merchant, AlertType.EXTERNAL_REPORTED, raised.subject())
                .isPresent();
        book.raise(raised);
        AlertBook.AlertView view = book.findOpen(merchant, AlertType.EXTERNAL_REPORTED, raised.subject())
                .orElseThrow(() -> ApiProblem.conflict("The alert was resolved while it was being raised"));
        return ResponseEntity.status(repeat ? HttpStatus.OK : HttpStatus.CREATED)
                .body(view);
    }

    @Operation(
            operationId = "resolveReportedAlert",
            summary = "Resolve an alert the merchant's systems reported (409 for an alert a Mercator module owns)")
    @PostMapping("/{id}/resolve")
    @Transactional
    AlertBook.AlertView resolve(@PathVariable String id) {
        MerchantId merchant = CurrentMerchant.require();
        UUID alertId;
        try {
            alertId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("No alert " + id);
        }
        AlertBook.AlertView alert =
                book.find(merchant, alertId).orElseThrow(() -> ApiProblem.notFound("No alert " + id));
        if (!alert.type().equals(AlertType.EXTERNAL_REPORTED.code())) {
            throw ApiProblem.conflict("Alert " + id + " is " + alert.type()
                    + ": the module that raised it resolves it when the condition clears");
        }
        if (alert.state().equals("open")) {
            book.clear(new AlertCleared(merchant, AlertType.EXTERNAL_REPORTED, alert.subject(), clock.instant()));
            events.publishEvent(AuditedChange.of(
                    merchant,
                    "alert:" + alertId,
                    "alert.resolved",
                    Map.of("state", "open"),
                    Map.of("state", "resolved")));
        }
        return book.find(merchant, alertId).orElseThrow();
    }

    private static AlertRaised parse(MerchantId merchant, JsonNode body, Instant now) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (!body.isObject()) {
            throw ApiProblem.badRequest("The body must be a JSON object. " + FIELDS);
        }
        for (String field : body.propertyNames()) {
            if (!KNOWN.contains(field)) {
                errors.add(error(field.length() <= 50 ? field : field.substring(0, 50), "is not an alert field"));
            }
        }
        String subject = text(body, "subject", 200, errors);
        String message = text(body, "message", 2000, errors);
        AlertSeverity severity = AlertSeverity.find(
                        body.path("severity").isString() ? body.get("severity").asString() : "")
                .orElse(AlertSeverity.WARNING);
        if (!body.path("severity").isString()
                || AlertSeverity.find(body.get("severity").asString()).isEmpty()) {
            errors.add(error("severity", "must be one of info, warning, critical"));
        }
        Map<String, String> details = new LinkedHashMap<>();
        JsonNode given = body.path("details");
        if (!given.isMissingNode() && !given.isNull()) {
            if (!given.isObject() || given.size() > 20) {
                errors.add(error("details", "must be an object of at most 20 string values"));
            } else {
                for (var entry : given.properties()) {
                    JsonNode value = entry.getValue();
                    if (entry.getKey().isEmpty()
                            || entry.getKey().length() > 100
                            || !value.isString()
                            || value.asString().length() > 500) {
                        errors.add(error(
                                "details." + cut(entry.getKey(), 50),
                                "must be a string of at most 500 characters under a name of 1 to 100"));
                    } else {
                        details.put(entry.getKey(), value.asString());
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.badRequest(
                            "The alert has invalid fields: " + errors.getFirst().get("field"))
                    .with("errors", errors);
        }
        return new AlertRaised(merchant, AlertType.EXTERNAL_REPORTED, severity, subject, message, details, now);
    }

    private static String text(JsonNode body, String field, int max, List<Map<String, String>> errors) {
        JsonNode node = body.path(field);
        String value = node.isString() ? node.asString().strip() : "";
        if (value.isEmpty() || value.length() > max) {
            errors.add(error(field, "must be 1 to " + max + " characters"));
        }
        return value;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}

package dev.mercator.alerts.web;

import dev.mercator.alerts.AlertSeverity;
import dev.mercator.alerts.AlertType;
import dev.mercator.alerts.centre.AlertBook;
import dev.mercator.audit.AuditedChange;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's alerts: listed newest first, filtered, summarised, and marked read. Only the merchant's own. */
@RestController
@RequestMapping(path = "/api/alerts", produces = "application/json")
@Tag(name = "Alerts")
class AlertsController {

    private final AlertBook book;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    AlertsController(AlertBook book, Clock clock, ApplicationEventPublisher events) {
        this.book = book;
        this.clock = clock;
        this.events = events;
    }

    @Operation(
            operationId = "listAlerts",
            summary = "List the merchant's alerts, newest first, optionally by state, severity, unread and type")
    @GetMapping
    AlertBook.Page<AlertBook.AlertView> list(
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(required = false) @Nullable String severity,
            @RequestParam(required = false) @Nullable Boolean unread,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        AlertBook.Filter filter = new AlertBook.Filter(
                state == null ? null : state(state),
                severity == null ? null : severity(severity),
                unread,
                type == null ? null : type(type));
        return book.page(CurrentMerchant.require(), filter, page, size);
    }

    @Operation(operationId = "listUnreadAlerts", summary = "List the merchant's unread alerts, newest first")
    @GetMapping("/unread")
    AlertBook.Page<AlertBook.AlertView> unread(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return book.page(CurrentMerchant.require(), new AlertBook.Filter(null, null, true, null), page, size);
    }

    @Operation(
            operationId = "listAlertsBySeverity",
            summary = "List the merchant's alerts of one severity (info, warning or critical), newest first")
    @GetMapping("/severity/{level}")
    AlertBook.Page<AlertBook.AlertView> bySeverity(
            @PathVariable String level,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return book.page(
                CurrentMerchant.require(), new AlertBook.Filter(null, severity(level), null, null), page, size);
    }

    @Operation(
            operationId = "summariseAlerts",
            summary = "Count the merchant's open alerts by severity, and the unread ones")
    @GetMapping("/summary")
    AlertBook.Summary summary() {
        return book.summary(CurrentMerchant.require());
    }

    @Operation(operationId = "markAlertRead", summary = "Mark one alert read")
    @PostMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void read(@PathVariable String id) {
        MerchantId merchant = CurrentMerchant.require();
        UUID alert = alertId(id);
        if (book.markUnreadRead(merchant, alert, clock.instant())) {
            events.publishEvent(AuditedChange.of(
                    merchant, "alert:" + alert, "alert.read", Map.of("read", false), Map.of("read", true)));
        } else if (book.find(merchant, alert).isEmpty()) {
            throw ApiProblem.notFound("No alert " + id);
        }
    }

    @Operation(operationId = "markAllAlertsRead", summary = "Mark every alert of the merchant read")
    @PostMapping("/read-all")
    @Transactional
    Map<String, Integer> readAll() {
        MerchantId merchant = CurrentMerchant.require();
        int marked = book.markAllRead(merchant, clock.instant());
        if (marked > 0) {
            events.publishEvent(AuditedChange.of(
                    merchant, "alerts", "alerts.read_all", Map.of("unread", marked), Map.of("unread", 0)));
        }
        return Map.of("marked", marked);
    }

    private static UUID alertId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("No alert " + id);
        }
    }

    private static String state(String state) {
        if (!AlertBook.states().contains(state)) {
            throw invalid("state", state, String.join(", ", AlertBook.states()));
        }
        return state;
    }

    private static AlertSeverity severity(String severity) {
        return AlertSeverity.find(severity)
                .orElseThrow(() -> invalid(
                        "severity",
                        severity,
                        String.join(
                                ", ",
                                Arrays.stream(AlertSeverity.values())
                                        .map(AlertSeverity::id)
                                        .toList())));
    }

    private static AlertType type(String type) {
        return AlertType.find(type)
                .orElseThrow(() -> invalid(
                        "type",
                        type,
                        String.join(
                                ", ",
                                Arrays.stream(AlertType.values())
                                        .map(AlertType::code)
                                        .toList())));
    }

    private static ApiProblem invalid(String parameter, String value, String allowed) {
        String shown = value.length() <= 40 ? value : value.substring(0, 40) + "…";
        return ApiProblem.badRequest("Unknown " + parameter + " '" + shown + "'; one of: " + allowed)
                .with("parameter", parameter);
    }
}

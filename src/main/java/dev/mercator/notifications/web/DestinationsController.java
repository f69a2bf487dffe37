package dev.mercator.notifications.web;

import dev.mercator.audit.AuditedChange;
import dev.mercator.notifications.destinations.Destination;
import dev.mercator.notifications.destinations.Destinations;
import dev.mercator.notifications.ledger.Dispatcher;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's notification destinations. Only the merchant's own; secrets are write-only. */
@RestController
@RequestMapping(path = "/api/notifications/destinations", produces = "application/json")
@Tag(name = "Notifications")
class DestinationsController {

    private final Destinations destinations;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    DestinationsController(
            Destinations destinations, Dispatcher dispatcher, Clock clock, ApplicationEventPublisher events) {
        this.destinations = destinations;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.events = events;
    }

    /** A new destination: settings are shown back, secrets never (only their field names). */
    record NewDestination(
            @Nullable String kind,
            @Nullable String name,
            @Nullable Map<String, String> settings,
            @Nullable Map<String, String> secrets) {}

    @Operation(
            operationId = "createNotificationDestination",
            summary = "Add a destination: email, discord, sms, telegram or webhook",
            description = """
                    Body: `{"kind": "discord", "name": "Ops channel", "settings": {...}, "secrets": {...}}`. Which \
                    settings and secrets a kind takes is its channel's (an e-mail address, an E.164 number, a Discord \
                    webhook URL, a bot token and chat id, a webhook URL and signing secret). Every field is checked \
                    by the kind's channel; a failing one answers 400 with `errors[].field` and nothing is stored. A \
                    kind whose channel is not installed answers 400 "kind not available". Secrets are encrypted in the \
                    credential vault and never returned: responses list their field names.""")
    @PostMapping(consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    Destination create(@RequestBody NewDestination body) {
        MerchantId merchant = CurrentMerchant.require();
        Destination created = destinations.create(
                merchant, body.kind(), body.name(), body.settings(), body.secrets(), clock.instant());
        audit(merchant, created.id(), "notification_destination.created", null, created);
        return created;
    }

    @Operation(operationId = "listNotificationDestinations", summary = "List the merchant's destinations")
    @GetMapping
    List<Destination> list() {
        return destinations.list(CurrentMerchant.require());
    }

    @Operation(
            operationId = "getNotificationDestination",
            summary = "One destination, with why it is disabled if Mercator stopped sending to it")
    @GetMapping("/{id}")
    Destination get(@PathVariable String id) {
        return destinations
                .find(CurrentMerchant.require(), Ids.parse(id, "destination"))
                .orElseThrow(() -> ApiProblem.notFound("No destination " + id));
    }

    @Operation(
            operationId = "deleteNotificationDestination",
            summary = "Delete a destination: its secrets are erased, rules stop naming it, its deliveries stay listed")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void delete(@PathVariable String id) {
        MerchantId merchant = CurrentMerchant.require();
        UUID destination = Ids.parse(id, "destination");
        Destination before = destinations.find(merchant, destination).orElse(null);
        if (before == null || !destinations.delete(merchant, destination, clock.instant())) {
            throw ApiProblem.notFound("No destination " + id);
        }
        audit(merchant, destination, "notification_destination.deleted", before, null);
    }

    @Operation(
            operationId = "enableNotificationDestination",
            summary = "Send to a disabled destination again (after fixing what the provider refused)")
    @PostMapping("/{id}/enable")
    @Transactional
    Destination enable(@PathVariable String id) {
        MerchantId merchant = CurrentMerchant.require();
        UUID destination = Ids.parse(id, "destination");
        Destination before = destinations.find(merchant, destination).orElse(null);
        if (before == null || !destinations.enable(merchant, destination)) {
            throw ApiProblem.notFound("No destination " + id);
        }
        Destination after = destinations.find(merchant, destination).orElseThrow();
        if (!before.enabled()) {
            audit(merchant, destination, "notification_destination.enabled", before, after);
        }
        return after;
    }

    /**
     * A destination's audit record: kind, name, secret field names and whether it is enabled. Not its settings: a
     * Discord webhook URL carries its token in the path.
     */
    private void audit(
            MerchantId merchant,
            UUID destination,
            String action,
            @Nullable Destination before,
            @Nullable Destination after) {
        events.publishEvent(AuditedChange.of(
                merchant, "notification_destination:" + destination, action, state(before), state(after)));
    }

    private static @Nullable Map<String, Object> state(@Nullable Destination destination) {
        if (destination == null) {
            return null;
        }
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("kind", destination.kind());
        state.put("name", destination.name());
        state.put("secretFields", destination.secretFields());
        state.put("enabled", destination.enabled());
        if (destination.disabledReason() != null) {
            state.put("disabledReason", destination.disabledReason());
        }
        return state;
    }

    @Operation(
            operationId = "testNotificationDestination",
            summary = "Send a test message now and report what the provider answered",
            description = """
                    Sends synchronously through the destination's channel and records the message in the delivery \
                    ledger like any other. Answers 200 whatever the provider said: `outcome` is `accepted`, \
                    `transient` (the ledger retries it), `permanent` (with `errorClass` and `reason`; a destination \
                    the provider says is gone is disabled), `unknown`, or `rate_limited` (the destination's rate \
                    bucket is held: the message waits in the ledger). A problem answer means Mercator itself could \
                    not try.""")
    @PostMapping("/{id}/test")
    Dispatcher.TestResult test(@PathVariable String id) {
        MerchantId merchant = CurrentMerchant.require();
        UUID destination = Ids.parse(id, "destination");
        if (destinations.find(merchant, destination).isEmpty()) {
            throw ApiProblem.notFound("No destination " + id);
        }
        return dispatcher.sendTest(merchant, destination, clock.instant());
    }
}

package dev.mercator.notifications.rules;

import dev.mercator.alerts.AlertSeverity;
import dev.mercator.alerts.AlertType;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A rule as a request describes it, checked field by field. A create starts from the defaults and a PATCH from the
 * stored rule; a field the body names replaces the stored one ({@code "quietHours": null} and {@code "dailyCap": null}
 * remove them).
 */
public record RuleDraft(
        String name,
        List<String> alertTypes,
        AlertSeverity minSeverity,
        List<UUID> destinations,
        ZoneId timeZone,
        @Nullable QuietHours quietHours,
        @Nullable Integer dailyCap,
        DeliveryMode mode) {

    static final int MAX_DAILY_CAP = 100_000;
    private static final Set<String> FIELDS =
            Set.of("name", "alertTypes", "minSeverity", "destinations", "timeZone", "quietHours", "dailyCap", "mode");

    /**
     * Reads a create or PATCH body.
     *
     * @param base the stored rule a PATCH changes, or null for a new rule
     * @param ownDestinations which of the given ids are the merchant's own, usable destinations
     * @throws ApiProblem a 400 naming every failing field
     */
    public static RuleDraft parse(
            JsonNode body, @Nullable Rule base, Function<List<UUID>, List<UUID>> ownDestinations) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (!body.isObject()) {
            throw new ApiProblem(ProblemType.MALFORMED_BODY, "A rule is a JSON object");
        }
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                errors.add(error(field.length() <= 50 ? field : field.substring(0, 50), "is not a rule field"));
            }
        }
        String name = base == null ? "rule" : base.name();
        if (body.has("name")) {
            JsonNode node = body.get("name");
            if (!node.isString() || node.asString().isBlank() || node.asString().length() > 100) {
                errors.add(error("name", "must be 1 to 100 characters"));
            } else {
                name = node.asString();
            }
        }
        List<String> types = base == null ? List.of() : base.alertTypes();
        if (body.has("alertTypes")) {
            types = alertTypes(body.get("alertTypes"), errors);
        }
        AlertSeverity severity = base == null
                ? AlertSeverity.INFO
                : AlertSeverity.find(base.minSeverity()).orElseThrow();
        if (body.has("minSeverity")) {
            JsonNode node = body.get("minSeverity");
            AlertSeverity found =
                    node.isString() ? AlertSeverity.find(node.asString()).orElse(null) : null;
            if (found == null) {
                errors.add(error("minSeverity", "must be one of info, warning, critical"));
            } else {
                severity = found;
            }
        }
        List<UUID> destinations = base == null ? List.of() : base.destinations();
        if (body.has("destinations")) {
            destinations = destinations(body.get("destinations"), errors, ownDestinations);
        } else if (base == null) {
            errors.add(error("destinations", "must name at least one of the merchant's destinations"));
        }
        ZoneId zone = base == null ? ZoneId.of("UTC") : ZoneId.of(base.timeZone());
        if (body.has("timeZone")) {
            JsonNode node = body.get("timeZone");
            try {
                zone = ZoneId.of(node.isString() ? node.asString() : "");
            } catch (DateTimeException e) {
                errors.add(error("timeZone", "must be an IANA time zone such as Europe/Berlin"));
            }
        }
        QuietHours quiet = base == null || base.quietHours() == null
                ? null
                : new QuietHours(
                        LocalTime.parse(base.quietHours().start()),
                        LocalTime.parse(base.quietHours().end()),
                        base.quietHours().holdCritical());
        if (body.has("quietHours")) {
            quiet = quietHours(body.get("quietHours"), errors);
        }
        Integer cap = base == null ? null : base.dailyCap();
        if (body.has("dailyCap")) {
            JsonNode node = body.get("dailyCap");
            if (node.isNull()) {
                cap = null;
            } else if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > MAX_DAILY_CAP) {
                errors.add(error("dailyCap", "must be a whole number from 1 to " + MAX_DAILY_CAP + ", or null"));
            } else {
                cap = node.asInt();
            }
        }
        DeliveryMode mode = base == null
                ? DeliveryMode.IMMEDIATE
                : DeliveryMode.find(base.mode()).orElseThrow();
        if (body.has("mode")) {
            JsonNode node = body.get("mode");
            DeliveryMode found =
                    node.isString() ? DeliveryMode.find(node.asString()).orElse(null) : null;
            if (found == null) {
                errors.add(error("mode", "must be one of immediate, digest_hourly, digest_daily"));
            } else {
                mode = found;
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(
                            ProblemType.VALIDATION,
                            "The rule has invalid fields: " + errors.getFirst().get("field"))
                    .with("errors", errors);
        }
        return new RuleDraft(name, types, severity, destinations, zone, quiet, cap, mode);
    }

    private static List<String> alertTypes(JsonNode node, List<Map<String, String>> errors) {
        if (!node.isArray()) {
            errors.add(error("alertTypes", "must be an array of alert type codes (empty for all)"));
            return List.of();
        }
        Set<String> codes = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode code = node.get(i);
            if (code.isString() && AlertType.find(code.asString()).isPresent()) {
                codes.add(code.asString());
            } else {
                errors.add(error(
                        "alertTypes[" + i + "]",
                        "is not an alert type; one of: "
                                + String.join(
                                        ", ",
                                        Arrays.stream(AlertType.values())
                                                .map(AlertType::code)
                                                .toList())));
            }
        }
        return List.copyOf(codes);
    }

    private static List<UUID> destinations(
            JsonNode node, List<Map<String, String>> errors, Function<List<UUID>, List<UUID>> own) {
        if (!node.isArray() || node.isEmpty() || node.size() > 50) {
            errors.add(error("destinations", "must name 1 to 50 of the merchant's destinations"));
            return List.of();
        }
        List<UUID> ids = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            try {
                UUID parsed = UUID.fromString(id.isString() ? id.asString() : "");
                if (!ids.contains(parsed)) {
                    ids.add(parsed);
                    positions.add(i);
                }
            } catch (IllegalArgumentException e) {
                errors.add(error("destinations[" + i + "]", "no such destination"));
            }
        }
        List<UUID> known = own.apply(ids);
        for (int i = 0; i < ids.size(); i++) {
            if (!known.contains(ids.get(i))) {
                // Another merchant's destination is reported exactly like one that does not exist.
                errors.add(error("destinations[" + positions.get(i) + "]", "no such destination"));
            }
        }
        return List.copyOf(ids);
    }

    private static @Nullable QuietHours quietHours(JsonNode node, List<Map<String, String>> errors) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(error("quietHours", "must be {start, end, holdCritical} or null"));
            return null;
        }
        LocalTime start = time(node.get("start"), "quietHours.start", errors);
        LocalTime end = time(node.get("end"), "quietHours.end", errors);
        JsonNode hold = node.get("holdCritical");
        if (hold != null && !hold.isNull() && !hold.isBoolean()) {
            errors.add(error("quietHours.holdCritical", "must be true or false"));
        }
        boolean holdCritical = hold != null && hold.isBoolean() && hold.asBoolean();
        if (start == null || end == null) {
            return null;
        }
        if (start.equals(end)) {
            errors.add(error("quietHours.end", "must differ from start"));
        }
        return new QuietHours(start, end, holdCritical);
    }

    private static @Nullable LocalTime time(@Nullable JsonNode node, String field, List<Map<String, String>> errors) {
        if (node != null && node.isString() && node.asString().matches("\\d{2}:\\d{2}")) {
            try {
                return LocalTime.parse(node.asString());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(error(field, "must be a local time HH:mm"));
        return null;
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}

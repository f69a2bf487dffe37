package dev.mercator.analytics.intake;

import com.networknt.schema.Schema;
import dev.mercator.analytics.lake.EventJournal;
import dev.mercator.analytics.lake.NewEvent;
import dev.mercator.platform.MerchantId;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks each event of a batch on its own and journals the valid ones together: one bad event rejects only itself.
 * Every accepted event is committed before {@link #take} returns.
 */
@Component
public class EventIntake {

    private static final Set<String> ENVELOPE = Set.of("id", "type", "version", "occurredAt", "payload");

    private final EventSchemas schemas;
    private final EventJournal journal;
    private final IntakeSettings settings;
    private final JsonMapper json;
    private final Clock clock;

    EventIntake(EventSchemas schemas, EventJournal journal, IntakeSettings settings, JsonMapper json, Clock clock) {
        this.schemas = schemas;
        this.journal = journal;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    public enum Status {
        ACCEPTED,
        DUPLICATE,
        REJECTED;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Why an event was rejected: a stable code, the field at fault (a JSON path) and a message for people. */
    public record Reason(String code, String field, String message) {}

    public record Outcome(int index, @Nullable String id, Status status, List<Reason> reasons) {}

    public List<Outcome> take(MerchantId merchant, List<JsonNode> events) {
        Outcome[] outcomes = new Outcome[events.size()];
        List<NewEvent> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            List<Reason> reasons = new ArrayList<>();
            NewEvent checked = check(event, now, reasons);
            if (checked == null) {
                outcomes[i] = new Outcome(i, idOf(event), Status.REJECTED, List.copyOf(reasons));
            } else {
                valid.add(checked);
                positions.add(i);
            }
        }
        if (!valid.isEmpty()) {
            List<Boolean> stored = journal.append(merchant, valid);
            for (int k = 0; k < valid.size(); k++) {
                int i = positions.get(k);
                outcomes[i] = new Outcome(
                        i, valid.get(k).id(), stored.get(k) ? Status.ACCEPTED : Status.DUPLICATE, List.of());
            }
        }
        return List.of(outcomes);
    }

    private static @Nullable String idOf(JsonNode event) {
        JsonNode id = event.isObject() ? event.get("id") : null;
        return id != null && id.isString() ? id.asString() : null;
    }

    private @Nullable NewEvent check(JsonNode event, Instant now, List<Reason> reasons) {
        if (!event.isObject()) {
            reasons.add(new Reason("invalid_envelope", "$", "an event must be a JSON object"));
            return null;
        }
        for (String name : event.propertyNames()) {
            if (!ENVELOPE.contains(name)) {
                reasons.add(new Reason(
                        "invalid_envelope",
                        "$." + name,
                        "unknown field; an event has id, type, version, occurredAt and payload"));
            }
        }
        String id = text(event, "id", reasons);
        if (id != null && (id.isEmpty() || id.length() > 100 || id.chars().anyMatch(Character::isISOControl))) {
            reasons.add(new Reason("invalid_envelope", "$.id", "must be 1 to 100 characters, no control characters"));
        }
        String type = text(event, "type", reasons);
        Integer version = null;
        JsonNode versionNode = event.get("version");
        if (versionNode == null
                || !versionNode.isIntegralNumber()
                || !versionNode.canConvertToInt()
                || versionNode.asInt() < 1) {
            reasons.add(new Reason("invalid_envelope", "$.version", "must be a positive integer"));
        } else {
            version = versionNode.asInt();
        }
        Instant occurredAt = null;
        String occurred = text(event, "occurredAt", reasons);
        if (occurred != null) {
            try {
                occurredAt = OffsetDateTime.parse(occurred).toInstant();
                if (occurredAt.isAfter(now.plus(settings.maxFutureSkew()))) {
                    reasons.add(new Reason(
                            "future_event",
                            "$.occurredAt",
                            "lies more than " + settings.maxFutureSkew() + " after the server's clock"));
                }
            } catch (DateTimeParseException e) {
                reasons.add(new Reason(
                        "invalid_envelope",
                        "$.occurredAt",
                        "must be an RFC 3339 date-time with an offset, such as 2026-03-01T12:00:00Z"));
            }
        }
        JsonNode payload = event.get("payload");
        if (payload == null || !payload.isObject()) {
            reasons.add(new Reason("invalid_envelope", "$.payload", "must be a JSON object"));
        }
        Schema schema = null;
        if (type != null) {
            List<Integer> versions = schemas.versions(type);
            if (versions.isEmpty()) {
                reasons.add(new Reason("unknown_type", "$.type", "unknown event type; known: " + schemas.types()));
            } else if (version != null) {
                Optional<Schema> found = schemas.schema(type, version);
                if (found.isEmpty()) {
                    reasons.add(new Reason(
                            "unsupported_version",
                            "$.version",
                            type + " has no version " + version + "; supported: " + versions));
                } else {
                    schema = found.get();
                }
            }
        }
        String compact = null;
        if (payload != null && payload.isObject()) {
            compact = json.writeValueAsString(payload);
            if (compact.length() > settings.maxEventSize()) {
                reasons.add(new Reason(
                        "too_large", "$.payload", "the payload is over " + settings.maxEventSize() + " characters"));
            } else if (schema != null) {
                for (Map.Entry<String, String> error : EventSchemas.check(schema, payload)) {
                    reasons.add(new Reason("invalid_payload", payloadPath(error.getKey()), error.getValue()));
                }
            }
        }
        if (!reasons.isEmpty()
                || id == null
                || type == null
                || version == null
                || occurredAt == null
                || compact == null) {
            return null;
        }
        return new NewEvent(id, type, version, occurredAt, compact);
    }

    /**
     * A location inside the payload, as the validator gives it (a JSON pointer such as {@code /lines/0/unitPrice}), as
     * a path from the event like the envelope's reasons: {@code $.payload.lines[0].unitPrice}.
     */
    static String payloadPath(String pointer) {
        StringBuilder path = new StringBuilder("$.payload");
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                path.append('[').append(name).append(']');
            } else {
                path.append('.').append(name);
            }
        }
        return path.toString();
    }

    private static @Nullable String text(JsonNode event, String field, List<Reason> reasons) {
        JsonNode node = event.get(field);
        if (node == null || !node.isString()) {
            reasons.add(new Reason("invalid_envelope", "$." + field, "required, a string"));
            return null;
        }
        return node.asString();
    }
}

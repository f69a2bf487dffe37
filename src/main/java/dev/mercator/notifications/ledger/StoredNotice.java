package dev.mercator.notifications.ledger;

import dev.mercator.notifications.channel.Notice;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a delivery tells, kept in its row as JSON: a message must render the same on every retry, whatever happened to
 * the alert since, and the alert centre's tables are not ours to read.
 */
record StoredNotice(
        String type, String severity, String subject, String message, Map<String, String> details, Instant occurredAt) {

    // A private mapper: the format at rest must not change with the web layer's JSON settings.
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_JSON = 8000;

    String json() {
        String json = JSON.writeValueAsString(this);
        if (json.length() <= MAX_JSON) {
            return json;
        }
        // Details are the expendable part: the type, subject and message still say what happened.
        return JSON.writeValueAsString(new StoredNotice(
                type,
                severity,
                cut(subject, 300),
                cut(message, 1000),
                Map.of("truncated", "details too long to keep"),
                occurredAt));
    }

    static StoredNotice parse(String json) {
        return JSON.readValue(json, StoredNotice.class);
    }

    Notice notice(UUID alertId, String link) {
        return new Notice(alertId, type, severity, subject, message, details, occurredAt, link);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}

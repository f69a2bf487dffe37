package dev.mercator.sandbox.ebay;

import dev.mercator.sandbox.catalog.Json;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * eBay's REST error shapes: {@code {"errors":[{errorId, domain, category, message, longMessage, parameters}]}} for
 * the Browse API, and the OAuth token endpoint's {@code {"error", "error_description"}}.
 */
final class BrowseErrors {

    static final String BROWSE = "API_BROWSE";
    static final String REQUEST = "REQUEST";

    private BrowseErrors() {}

    /** A Browse refusal of the request, with eBay's {@code parameters} naming what was refused. */
    static ResponseEntity<String> refused(BrowseFilter.Problem problem) {
        ObjectNode body = Json.object();
        entry(body.putArray("errors"), problem);
        return json(HttpStatus.BAD_REQUEST, body);
    }

    /** Adds one {@code errors} or {@code warnings} entry. */
    static void entry(ArrayNode list, BrowseFilter.Problem problem) {
        ObjectNode entry = list.addObject();
        entry.put("errorId", problem.errorId());
        entry.put("domain", BROWSE);
        entry.put("category", REQUEST);
        entry.put("message", problem.message());
        if (!problem.parameters().isEmpty()) {
            ArrayNode parameters = entry.putArray("parameters");
            problem.parameters().forEach((name, value) -> {
                ObjectNode parameter = parameters.addObject();
                parameter.put("name", name);
                parameter.put("value", value);
            });
        }
    }

    static ResponseEntity<String> error(
            HttpStatus status,
            int errorId,
            String domain,
            String category,
            String message,
            @Nullable String longMessage) {
        return json(status, body(errorId, domain, category, message, longMessage));
    }

    static ResponseEntity<String> oauth(HttpStatus status, String error, String description) {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", description);
        return json(status, body);
    }

    static ResponseEntity<String> json(HttpStatus status, ObjectNode body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(body));
    }

    private static ObjectNode body(
            int errorId, String domain, String category, String message, @Nullable String longMessage) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putArray("errors").addObject();
        error.put("errorId", errorId);
        error.put("domain", domain);
        error.put("category", category);
        error.put("message", message);
        if (longMessage != null) {
            error.put("longMessage", longMessage);
        }
        return body;
    }
}

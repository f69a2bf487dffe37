package dev.mercator.notifications.web;

import dev.mercator.platform.web.ApiProblem;
import java.util.UUID;

/** Path ids: one that is not a UUID names nothing, so it is a 404 like another merchant's id. */
final class Ids {

    private Ids() {}

    static UUID parse(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("No " + what + " " + (id.length() <= 40 ? id : id.substring(0, 40) + "…"));
        }
    }
}

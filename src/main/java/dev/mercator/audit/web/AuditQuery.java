package dev.mercator.audit.web;

import dev.mercator.audit.AuditActor;
import dev.mercator.audit.chain.AuditRecords;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.web.ApiProblem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** The listing's query parameters, checked: a bad one is a 400 naming it, before anything is read. */
final class AuditQuery {

    private AuditQuery() {}

    static AuditRecords.Filter filter(
            @Nullable MerchantId merchant,
            @Nullable String from,
            @Nullable String to,
            @Nullable String actor,
            @Nullable String subject) {
        Instant since = from == null ? null : instant("from", from);
        Instant until = to == null ? null : instant("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw ApiProblem.badRequest("'from' must be before 'to'").with("parameter", "from");
        }
        if (actor != null && !AuditActor.wellFormed(actor)) {
            throw ApiProblem.badRequest(
                            "Unknown actor '" + shorten(actor) + "'; one of: api-key:<key id>, admin, system:<worker>")
                    .with("parameter", "actor");
        }
        if (subject != null && (subject.isBlank() || subject.length() > 300)) {
            throw ApiProblem.badRequest("'subject' must be 1 to 300 characters").with("parameter", "subject");
        }
        return new AuditRecords.Filter(merchant, since, until, actor, subject);
    }

    private static Instant instant(String parameter, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(
                            "'" + parameter + "' must be an ISO-8601 instant such as 2026-12-03T10:15:30Z, not '"
                                    + shorten(value) + "'")
                    .with("parameter", parameter);
        }
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}

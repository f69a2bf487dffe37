package dev.mercator.audit;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.web.RequestIdFilter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person or a system changed something of a merchant's. Publish it with Spring's {@code ApplicationEventPublisher}
 * in the transaction that made the change (so it is recorded if and only if the change commits, and again after a
 * crash); the audit trail appends it to the merchant's hash chain once, after commit. Publishing it outside a
 * transaction throws {@link IllegalStateException}: it could not be recorded. Build it with {@link #of} inside
 * a request (actor and request id come from the request) or {@link #by} from a worker.
 *
 * <p>{@code before} and {@code after} are JSON (sorted keys), {@code null} when there was nothing before (a creation)
 * or is nothing after (a deletion). They must never hold a secret's value: say which secret fields changed, not what
 * they changed to.
 *
 * @param id the change's own id: a redelivered event is recorded once
 * @param subject what changed, as {@code kind:key} ({@code sku:SKU-1}, {@code channel:shopify}, {@code alert:<id>})
 * @param action what was done, as {@code noun.verb-in-past} ({@code stock.adjusted}, {@code api_key.revoked})
 * @param requestId the {@code X-Request-Id} of the request that made it, if one did
 */
public record AuditedChange(
        UUID id,
        MerchantId merchant,
        AuditActor actor,
        @Nullable String requestId,
        String subject,
        String action,
        @Nullable String before,
        @Nullable String after,
        Instant occurredAt) {

    /** The longest {@code before} or {@code after} the trail keeps; a larger state is a programming error. */
    public static final int MAX_STATE_LENGTH = 16_000;

    private static final Pattern SUBJECT = Pattern.compile("[a-z_]+(:[^\\p{Cntrl}]{1,280})?");
    private static final Pattern ACTION = Pattern.compile("[a-z_]+\\.[a-z_]+");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public AuditedChange {
        if (!SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("not an audit subject: " + subject);
        }
        if (!ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("not an audit action: " + action);
        }
        if ((before != null && before.length() > MAX_STATE_LENGTH)
                || (after != null && after.length() > MAX_STATE_LENGTH)) {
            throw new IllegalArgumentException("audit state of " + subject + " is over " + MAX_STATE_LENGTH);
        }
        // The trail keeps milliseconds: hashing what the database gives back must give what was hashed.
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A change made by the current request's caller, now. {@code before} and {@code after} are any values Jackson can
     * write (a map, a record), or null.
     */
    public static AuditedChange of(
            MerchantId merchant, String subject, String action, @Nullable Object before, @Nullable Object after) {
        return by(AuditActor.current(), merchant, subject, action, before, after);
    }

    /** A change made by {@code actor} (a worker: {@link AuditActor#system}), now. */
    public static AuditedChange by(
            AuditActor actor,
            MerchantId merchant,
            String subject,
            String action,
            @Nullable Object before,
            @Nullable Object after) {
        return new AuditedChange(
                UUID.randomUUID(),
                merchant,
                actor,
                MDC.get(RequestIdFilter.MDC_KEY),
                subject,
                action,
                json(before),
                json(after),
                Instant.now());
    }

    private static @Nullable String json(@Nullable Object state) {
        return state == null ? null : JSON.writeValueAsString(state);
    }
}

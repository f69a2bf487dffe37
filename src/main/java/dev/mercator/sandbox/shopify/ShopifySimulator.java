package dev.mercator.sandbox.shopify;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.SimulatedProvider;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shopify's Admin GraphQL endpoint, {@code POST /admin/api/{version}/graphql.json}, per simulated shop. Live, the shop
 * is the host ({@code https://acme.myshopify.com/admin/api/2026-04/graphql.json}); here it is the first path segment
 * ({@code /sandbox/shopify/acme.myshopify.com/admin/api/2026-04/graphql.json}), so a client changes only its base URL.
 *
 * <p>The GraphQL itself (schema, validation, cost, execution) is {@link AdminGraphQl}'s. As Shopify: an unknown shop
 * or API version is 404, a missing or wrong {@code X-Shopify-Access-Token} is 401 with
 * Shopify's REST-style error body, everything else is 200 with GraphQL {@code data}/{@code errors} and {@code
 * extensions.cost}, throttling included. A version older than the oldest supported falls forward to it, as Shopify's
 * do; the version served is in {@code X-Shopify-API-Version}.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + ShopifySimulator.NAME)
class ShopifySimulator implements SimulatedProvider {

    static final String NAME = "shopify";
    /** Versions with the 2026-04 inventory rules (mandatory changeFromQuantity and @idempotent). */
    static final List<String> VERSIONS = List.of("2026-04", "2026-07", "2026-10", "2027-01");

    private static final String INVALID_TOKEN =
            "{\"errors\":\"[API] Invalid API key or access token (unrecognized login or wrong password)\"}";
    private static final String NOT_FOUND = "{\"errors\":\"Not Found\"}";
    private static final MediaType JSON = new MediaType("application", "json", StandardCharsets.UTF_8);

    private final ShopifyShops shops;
    private final WebhookDeliveries deliveries;
    private final AdminGraphQl graphql;
    private final JsonMapper json = JsonMapper.builder().build();

    ShopifySimulator(ShopifyShops shops, WebhookDeliveries deliveries, ShopifySimulatorSettings settings) {
        this.shops = shops;
        this.deliveries = deliveries;
        this.graphql = new AdminGraphQl(settings.mutationCost(), settings.requireIdempotency());
    }

    @PostMapping(path = "/{shop}/admin/api/{version}/graphql.json")
    ResponseEntity<String> graphql(
            @PathVariable String shop,
            @PathVariable String version,
            @RequestHeader(name = "X-Shopify-Access-Token", required = false) @Nullable String token,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
            @RequestBody(required = false) byte @Nullable [] body) {
        Optional<SimulatedShop> found = shops.find(shop);
        Optional<String> served = served(version);
        if (found.isEmpty() || served.isEmpty()) {
            return reply(HttpStatus.NOT_FOUND, null, NOT_FOUND);
        }
        SimulatedShop store = found.get();
        if (!store.acceptsToken(token)) {
            return reply(HttpStatus.UNAUTHORIZED, served.get(), INVALID_TOKEN);
        }
        Request request = request(contentType, body == null ? new byte[0] : body);
        if (request == null) {
            return reply(
                    HttpStatus.BAD_REQUEST,
                    served.get(),
                    "{\"errors\":{\"query\":\"Required parameter missing or invalid\"}}");
        }
        AdminGraphQl.Answer answer =
                graphql.execute(store, request.query(), request.operationName(), request.variables());
        deliveries.trigger(store, answer.emissions());
        return reply(HttpStatus.OK, served.get(), json.writeValueAsString(answer.body()));
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Throttling injected by the fault settings. Shopify's GraphQL throttle is normally a 200 with a {@code THROTTLED}
     * error (that one comes from the cost bucket); clients have also met 429s with {@code Retry-After}, which is what an
     * injected throttle answers, so both shapes get exercised.
     */
    @Override
    public ResponseEntity<String> throttled(long retryAfterSeconds) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds + ".0")
                .contentType(JSON)
                .body("{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\","
                        + "\"documentation\":\"https://shopify.dev/api/usage/rate-limits\"}}]}");
    }

    /** Shopify's 400 for a request whose parameters it cannot use, keyed by the parameter. */
    @Override
    public ResponseEntity<String> badRequest() {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(JSON)
                .body("{\"errors\":{\"query\":\"Required parameter missing or invalid\"}}");
    }

    @Override
    public ResponseEntity<String> serverError(HttpStatus status) {
        String requestId = UUID.randomUUID().toString();
        return ResponseEntity.status(status)
                .header("X-Request-Id", requestId)
                .contentType(JSON)
                .body("{\"errors\":[{\"message\":\"Internal error. Looks like something went wrong on our end.\\n"
                        + "Request ID: " + requestId + " (include this in support requests).\","
                        + "\"extensions\":{\"code\":\"INTERNAL_SERVER_ERROR\",\"requestId\":\"" + requestId
                        + "\"}}]}");
    }

    /** The version served: the one asked for, or the oldest supported when an older one is asked for. */
    static Optional<String> served(String requested) {
        if (VERSIONS.contains(requested)) {
            return Optional.of(requested);
        }
        if (requested.matches("[0-9]{4}-(01|04|07|10)") && requested.compareTo(VERSIONS.getFirst()) < 0) {
            return Optional.of(VERSIONS.getFirst());
        }
        return Optional.empty();
    }

    private record Request(String query, @Nullable String operationName, Map<String, @Nullable Object> variables) {}

    /** {@code application/json} with query, variables and operationName, or a bare {@code application/graphql}. */
    private @Nullable Request request(@Nullable String contentType, byte[] body) {
        if (contentType != null
                && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/graphql")) {
            String query = new String(body, StandardCharsets.UTF_8);
            return query.isBlank() ? null : new Request(query, null, Map.of());
        }
        Map<?, ?> parsed;
        try {
            parsed = json.readValue(body, Map.class);
        } catch (JacksonException malformed) {
            return null;
        }
        if (parsed == null || !(parsed.get("query") instanceof String query) || query.isBlank()) {
            return null;
        }
        @Nullable Object variables = parsed.get("variables");
        @Nullable Object operationName = parsed.get("operationName");
        if ((variables != null && !(variables instanceof Map<?, ?>))
                || (operationName != null && !(operationName instanceof String))) {
            return null;
        }
        Map<String, @Nullable Object> bound = new LinkedHashMap<>();
        if (variables instanceof Map<?, ?> given) {
            given.forEach((name, value) -> bound.put(String.valueOf(name), value));
        }
        return new Request(query, (String) operationName, bound);
    }

    private static ResponseEntity<String> reply(HttpStatus status, @Nullable String version, String body) {
        ResponseEntity.BodyBuilder reply = ResponseEntity.status(status).contentType(JSON);
        if (version != null) {
            reply.header("X-Shopify-API-Version", version);
        }
        return reply.body(body);
    }
}

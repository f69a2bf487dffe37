package dev.mercator.inventory.shopify;

import dev.mercator.alerts.AlertType;
import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.channel.CredentialAlerts;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.platform.http.OutboundFailure;
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderEndpoints;
import dev.mercator.platform.http.ProviderMode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shopify's Admin GraphQL endpoint as a transport: one POST per document with the shop's access token, paid for from
 * the shop's cost bucket as last reported (waiting up to {@code max-throttle-wait}, else {@link Failure#throttled}
 * without calling), and every answer sorted into data or a {@link Failure} that says how a caller should treat it. It
 * knows nothing of inventory: the push ({@link ShopifyGateway}) and the level checks ({@link ShopifyInventoryReads})
 * write their documents on top of it. Logbook masks {@value #TOKEN_HEADER}; this class never logs it.
 */
@Component
class ShopifyAdminApi {

    static final String TOKEN_HEADER = "X-Shopify-Access-Token";
    static final Pattern SHOP = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}\\.myshopify\\.com");
    static final Pattern ITEM_GID = Pattern.compile("gid://shopify/InventoryItem/([0-9]{1,20})");
    static final Pattern LOCATION_GID = Pattern.compile("gid://shopify/Location/([0-9]{1,20})");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]{1,20}");
    private static final String PATH = "/admin/api/{version}/graphql.json";

    private final RestClient rest;
    private final ShopifySettings settings;
    private final ProviderEndpoints endpoints;
    private final ProviderMode mode;
    // The wire format is Shopify's, whatever the application's Jackson settings say: explicit nulls are meaningful
    // (changeFromQuantity: null opts out of the check; omitting it is an error).
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, ShopifyCostBucket> budgets = new ConcurrentHashMap<>();

    private final Clock clock;

    private final CredentialAlerts alerts;

    ShopifyAdminApi(
            OutboundHttp outbound,
            ProviderEndpoints endpoints,
            ShopifySettings settings,
            Clock clock,
            CredentialAlerts alerts) {
        this.clock = clock;
        this.alerts = alerts;
        this.rest = outbound.client(settings);
        this.endpoints = endpoints;
        this.settings = settings;
        this.mode = endpoints.mode(settings);
    }

    JsonMapper json() {
        return json;
    }

    /** Whether the account can be called at all: why not, or null. */
    @Nullable
    String unusable(ChannelAccounts.ShopifyAccount account) {
        @Nullable String unusable = unusable();
        if (unusable != null) {
            return unusable;
        }
        return SHOP.matcher(account.shopDomain()).matches()
                ? null
                : "the connected Shopify shop domain is not a *.myshopify.com domain";
    }

    /** A call that did not produce data: how the caller should treat it. */
    record Failure(Kind kind, String reason, Duration retryAfter, boolean endsBatch, boolean tokenRefused)
            implements Answer {

        enum Kind {
            THROTTLED,
            TRANSIENT,
            REJECTED
        }

        static Failure transientFailure(String reason, boolean endsBatch) {
            return new Failure(Kind.TRANSIENT, reason, Duration.ZERO, endsBatch, false);
        }

        static Failure rejected(String reason, boolean endsBatch) {
            return new Failure(Kind.REJECTED, reason, Duration.ZERO, endsBatch, false);
        }

        /** The shop's access token itself was refused: every call of the shop fails until it is replaced. */
        static Failure tokenRefused(String reason) {
            return new Failure(Kind.REJECTED, reason, Duration.ZERO, true, true);
        }

        static Failure throttled(Duration retryAfter) {
            return new Failure(Kind.THROTTLED, "Shopify's cost bucket is empty", retryAfter, true, false);
        }

        PushOutcome outcome(String sku) {
            return switch (kind) {
                case THROTTLED -> new PushOutcome.Throttled(sku, retryAfter);
                case TRANSIENT -> new PushOutcome.Transient(sku, reason);
                case REJECTED -> new PushOutcome.Rejected(sku, reason);
            };
        }
    }

    sealed interface Answer permits Data, Failure {}

    record Data(JsonNode data) implements Answer {}

    /** Sends one document, paying for it from the shop's bucket first (waiting up to max-throttle-wait). */
    Answer call(ChannelAccounts.ShopifyAccount account, String document, ObjectNode variables, int cost) {
        return call(account, document, variables, cost, settings.maxThrottleWait());
    }

    /**
     * The same, waiting up to {@code maxWait} for the bucket: background work that must not give up to a busy moment
     * (reading an order list costs most of a Standard shop's bucket) may wait longer than a push.
     */
    Answer call(
            ChannelAccounts.ShopifyAccount account, String document, ObjectNode variables, int cost, Duration maxWait) {
        String shop = account.shopDomain();
        ShopifyCostBucket budget = budgets.computeIfAbsent(shop, s -> new ShopifyCostBucket(clock));
        for (Duration wait = budget.reserve(cost); !wait.isZero(); wait = budget.reserve(cost)) {
            if (wait.compareTo(maxWait) > 0) {
                return Failure.throttled(wait);
            }
            try {
                Thread.sleep(wait.toMillis() + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Failure.transientFailure("interrupted while waiting for Shopify's cost bucket", true);
            }
        }
        ObjectNode body = json.createObjectNode();
        body.put("query", document);
        body.set("variables", variables);
        byte[] bytes = json.writeValueAsBytes(body);
        Answer answer;
        try {
            answer = rest.post()
                    .uri(template(), Map.of("shop", shop, "version", settings.apiVersion()))
                    .header(TOKEN_HEADER, account.accessToken())
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(bytes)
                    .exchangeForRequiredValue((req, response) -> interpret(
                            budget,
                            response.getStatusCode().value(),
                            response.getHeaders(),
                            readAll(response.getBody()),
                            cost));
        } catch (RestClientException failed) {
            OutboundFailure why = OutboundFailure.of(failed);
            return Failure.transientFailure("Shopify " + why.reason(), true);
        }
        String subject = "Shopify shop " + shop;
        if (answer instanceof Failure failure && failure.tokenRefused()) {
            alerts.refused(account.merchant(), AlertType.SHOPIFY_TOKEN_REFUSED, subject, failure.reason());
        } else if (answer instanceof Data) {
            alerts.accepted(account.merchant(), AlertType.SHOPIFY_TOKEN_REFUSED, subject);
        }
        return answer;
    }

    private Answer interpret(ShopifyCostBucket budget, int status, HttpHeaders headers, byte[] raw, int cost) {
        @Nullable JsonNode body = parse(raw);
        JsonNode costs =
                body == null ? json.missingNode() : body.path("extensions").path("cost");
        budget.observe(costs.path("throttleStatus"));
        if (status == 401 || status == 403) {
            return Failure.tokenRefused("Shopify refused the access token (HTTP " + status + ")");
        }
        if (status == 429) {
            @Nullable Duration retryAfter = retryAfterHeader(headers.getFirst(HttpHeaders.RETRY_AFTER));
            return Failure.throttled(retryAfter != null ? retryAfter : retryAfter(costs, cost));
        }
        if (status >= 500) {
            return Failure.transientFailure("Shopify HTTP " + status, false);
        }
        if (status >= 400) {
            String why = switch (status) {
                case 402 -> "the shop is frozen (unpaid)";
                case 404 -> "shop or API version not found";
                case 423 -> "the shop is locked";
                default -> "the request was refused";
            };
            return Failure.rejected("Shopify HTTP " + status + ": " + why, true);
        }
        if (body == null || !body.isObject()) {
            return Failure.transientFailure("Shopify sent an unreadable answer (HTTP " + status + ")", false);
        }
        JsonNode errors = body.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            for (JsonNode error : errors) {
                String code = error.path("extensions").path("code").asString("");
                if (code.equals("THROTTLED")) {
                    return Failure.throttled(retryAfter(costs, cost));
                }
                if (code.equals("INTERNAL_SERVER_ERROR")) {
                    return Failure.transientFailure("Shopify internal error", false);
                }
            }
            JsonNode first = errors.get(0);
            return Failure.rejected(
                    "Shopify refused the request: "
                            + first.path("extensions").path("code").asString("")
                            + " " + first.path("message").asString(""),
                    false);
        }
        if (errors.isString()) {
            return Failure.rejected("Shopify refused the request: " + errors.asString(), false);
        }
        JsonNode data = body.path("data");
        if (!data.isObject()) {
            return Failure.transientFailure("Shopify answered without data", false);
        }
        return new Data(data);
    }

    /** How long until the bucket holds what the call asked for, per Shopify: (requested − available) / restore rate. */
    private static Duration retryAfter(JsonNode costs, int cost) {
        JsonNode throttle = costs.path("throttleStatus");
        double requested = costs.path("requestedQueryCost").asDouble(cost);
        double available = throttle.path("currentlyAvailable").asDouble(0);
        double rate = throttle.path("restoreRate").asDouble(0);
        if (rate <= 0 || requested <= available) {
            return Duration.ofSeconds(1);
        }
        long millis = (long) Math.ceil((requested - available) / rate * 1000);
        return Duration.ofMillis(Math.max(100, millis));
    }

    private static @Nullable Duration retryAfterHeader(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(value.strip());
            return seconds < 0 ? null : Duration.ofMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }

    private @Nullable JsonNode parse(byte[] raw) {
        if (raw.length == 0) {
            return null;
        }
        try {
            return json.readTree(raw);
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static byte[] readAll(InputStream body) throws IOException {
        return body.readAllBytes();
    }

    /** Sandbox: the shop is a path segment under this server's simulator; live: the shop is the host. */
    private String template() {
        return mode == ProviderMode.SANDBOX ? "/{shop}" + PATH : settings.shopUrl() + PATH;
    }

    /** Why nothing can be sent at all, or null. */
    @Nullable
    String unusable() {
        return endpoints.available(settings)
                ? null
                : "Shopify is in sandbox mode but the sandbox is disabled; set MERCATOR_SHOPIFY_MODE=live";
    }

    // --- Identities ---------------------------------------------------------------------------------------------

    /** The location to write and read: the SKU's own mapping, else the shop's. */
    static @Nullable String location(PushTarget target, ChannelAccounts.ShopifyAccount account) {
        @Nullable String mapped = numericId(target.shopifyLocationId(), LOCATION_GID);
        return mapped != null ? mapped : numericId(account.locationId(), LOCATION_GID);
    }

    /** A numeric Shopify id, given bare (as the mapping stores it) or as a GID. */
    static @Nullable String numericId(@Nullable String id, Pattern gid) {
        if (id == null || id.isBlank()) {
            return null;
        }
        String value = id.strip();
        if (NUMERIC.matcher(value).matches()) {
            return value;
        }
        Matcher matcher = gid.matcher(value);
        return matcher.matches() ? matcher.group(1) : null;
    }
}

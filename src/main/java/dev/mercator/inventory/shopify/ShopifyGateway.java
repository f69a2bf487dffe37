package dev.mercator.inventory.shopify;

import dev.mercator.inventory.Channel;
import dev.mercator.inventory.ChannelAccounts;
import dev.mercator.inventory.ChannelGateway;
import dev.mercator.inventory.InventorySettings;
import dev.mercator.inventory.PushOutcome;
import dev.mercator.inventory.PushRequest;
import dev.mercator.inventory.PushTarget;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.http.OutboundFailure;
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderEndpoints;
import dev.mercator.platform.http.ProviderMode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shopify's side of the push: sets {@code available} with the Admin GraphQL mutation {@code inventorySetQuantities}
 * (2026-04 rules), one call per SKU.
 *
 * <ul>
 *   <li><b>Compare-and-set</b>: {@code changeFromQuantity} is what Shopify last confirmed (read first when nothing
 *       was). When Shopify answers {@code CHANGE_FROM_QUANTITY_STALE} (an order or an edit got there first) the level
 *       is re-read and the write retried once with the fresh value; still stale is {@link PushOutcome.Stale}. A
 *       write that would raise a level Mercator did not expect (first push, or after a stale answer) while that level
 *       changed within the settle window is held back as {@link PushOutcome.Throttled}: it is most likely an order
 *       whose webhook has not arrived, and writing over it would offer sold units again.
 *   <li><b>Idempotency</b>: the first attempt carries the request's own key in {@code @idempotent}, so a push repeated
 *       after a crash is recognised by Shopify and not applied twice. An attempt with other variables (the retry after
 *       a stale answer, or a re-push with a new expectation) needs a key of its own; it is derived from the request's
 *       key and those variables, so it too is stable across repeats. The key is written into the document as a
 *       literal, as Shopify's documentation does: whether Shopify accepts a variable in a directive is not confirmed.
 *   <li><b>Echoes</b>: the quantity is recorded in {@code inventory_shopify_writes} before it is sent, so its {@code
 *       inventory_levels/update} is not read as a manual edit however fast it arrives.
 *   <li><b>Cost throttling</b>: Shopify reports its bucket ({@code extensions.cost.throttleStatus}) on every answer.
 *       The last report per shop, refilled at its restore rate, tells whether the next call can be paid for: the push
 *       waits up to {@code max-throttle-wait} for it, or reports {@link PushOutcome.Throttled} with the time the
 *       bucket needs, without calling. A {@code THROTTLED} answer (HTTP 200, or 429) is throttled too.
 * </ul>
 *
 * Nothing here throws for Shopify's failures: auth and validation refusals are {@link PushOutcome.Rejected}, 5xx,
 * timeouts and broken connections {@link PushOutcome.Transient}. Logbook masks {@code X-Shopify-Access-Token}; this
 * class never logs it.
 */
@Component
class ShopifyGateway implements ChannelGateway {

    static final String TOKEN_HEADER = "X-Shopify-Access-Token";
    static final String NOT_MAPPED = "not mapped to a Shopify inventory item";
    /** What Shopify charges a mutation; a read costs a few points. The bucket's real state comes with each answer. */
    static final int MUTATION_COST = 10;

    static final int READ_COST = 3;
    private static final Logger log = LoggerFactory.getLogger(ShopifyGateway.class);
    private static final String PATH = "/admin/api/{version}/graphql.json";
    private static final Pattern SHOP = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}\\.myshopify\\.com");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]{1,20}");
    private static final Pattern ITEM_GID = Pattern.compile("gid://shopify/InventoryItem/([0-9]{1,20})");
    private static final Pattern LOCATION_GID = Pattern.compile("gid://shopify/Location/([0-9]{1,20})");
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,255}");

    private static final String SET_MUTATION = """
            mutation MercatorSetAvailable($input: InventorySetQuantitiesInput!) {
              inventorySetQuantities(input: $input) @idempotent(key: "%s") {
                inventoryAdjustmentGroup { id changes(quantityNames: ["available"]) { name delta quantityAfterChange } }
                userErrors { code field message }
              }
            }""";
    private static final String LEVEL_QUERY = """
            query MercatorAvailable($item: ID!, $location: ID!) {
              inventoryItem(id: $item) {
                inventoryLevel(locationId: $location) { quantities(names: ["available"]) { name quantity updatedAt } }
              }
            }""";

    private final RestClient rest;
    private final ShopifySettings settings;
    private final ProviderEndpoints endpoints;
    private final ChannelAccounts accounts;
    private final ShopifyWrites writes;
    private final ProviderMode mode;
    private final Duration settle;
    private final Clock clock;
    // The wire format is Shopify's, whatever the application's Jackson settings say: explicit nulls are meaningful
    // (changeFromQuantity: null opts out of the check; omitting it is an error).
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, CostBudget> budgets = new ConcurrentHashMap<>();

    ShopifyGateway(
            OutboundHttp outbound,
            ProviderEndpoints endpoints,
            ShopifySettings settings,
            ChannelAccounts accounts,
            ShopifyWrites writes,
            InventorySettings inventory,
            Clock clock) {
        this.settle = inventory.manualEditSettle();
        this.clock = clock;
        this.rest = outbound.client(settings);
        this.endpoints = endpoints;
        this.settings = settings;
        this.accounts = accounts;
        this.writes = writes;
        this.mode = endpoints.mode(settings);
    }

    @Override
    public Channel channel() {
        return Channel.SHOPIFY;
    }

    @Override
    public List<PushOutcome> push(MerchantId merchant, List<PushRequest> requests) {
        List<PushOutcome> outcomes = new ArrayList<>(requests.size());
        @Nullable String unusable = unusable();
        Optional<ChannelAccounts.ShopifyAccount> account =
                unusable == null ? accounts.shopify(merchant) : Optional.empty();
        if (unusable == null && account.isEmpty()) {
            unusable = "Shopify is not connected";
        } else if (account.isPresent()
                && !SHOP.matcher(account.get().shopDomain()).matches()) {
            unusable = "the connected Shopify shop domain is not a *.myshopify.com domain";
        }
        // Once Shopify refuses the token, throttles, or cannot be reached, the rest of the batch would fare the same:
        // it gets that outcome without calling.
        @Nullable Failure stop = null;
        for (PushRequest request : requests) {
            String sku = request.target().sku();
            if (unusable != null || account.isEmpty()) {
                outcomes.add(new PushOutcome.Rejected(sku, unusable == null ? "Shopify is not connected" : unusable));
            } else if (stop != null) {
                outcomes.add(stop.outcome(sku));
            } else {
                Pushed pushed = push(account.get(), request);
                outcomes.add(pushed.outcome());
                stop = pushed.stop();
            }
        }
        return outcomes;
    }

    @Override
    public Optional<Integer> readBack(MerchantId merchant, PushTarget target) {
        if (unusable() != null) {
            return Optional.empty();
        }
        Optional<ChannelAccounts.ShopifyAccount> account = accounts.shopify(merchant);
        if (account.isEmpty() || !SHOP.matcher(account.get().shopDomain()).matches()) {
            return Optional.empty();
        }
        @Nullable String item = numericId(target.shopifyInventoryItemId(), ITEM_GID);
        @Nullable String location = location(target, account.get());
        if (item == null || location == null) {
            return Optional.empty();
        }
        return read(account.get(), item, location) instanceof Level(int available, var unused)
                ? Optional.of(available)
                : Optional.empty();
    }

    // --- One push ----------------------------------------------------------------------------------------------

    /** A push's outcome, and the failure that should end the batch, if any. */
    private record Pushed(PushOutcome outcome, @Nullable Failure stop) {

        static Pushed of(PushOutcome outcome) {
            return new Pushed(outcome, null);
        }

        static Pushed of(Failure failure, String sku) {
            return new Pushed(failure.outcome(sku), failure.endsBatch() ? failure : null);
        }
    }

    private Pushed push(ChannelAccounts.ShopifyAccount account, PushRequest request) {
        String sku = request.target().sku();
        @Nullable String item = numericId(request.target().shopifyInventoryItemId(), ITEM_GID);
        if (item == null) {
            return Pushed.of(new PushOutcome.Rejected(sku, NOT_MAPPED));
        }
        @Nullable String location = location(request.target(), account);
        if (location == null) {
            return Pushed.of(new PushOutcome.Rejected(
                    sku, "no Shopify location: map one for the SKU or set the shop's location id"));
        }
        int quantity = request.quantity();
        Integer from = request.lastConfirmed();
        if (from == null) {
            Read current = read(account, item, location);
            if (!(current instanceof Level(int available, var updatedAt))) {
                return readFailed(current, sku);
            }
            if (available == quantity) {
                return Pushed.of(new PushOutcome.Applied(sku, quantity));
            }
            Duration hold = holdBeforeRaise(available, updatedAt, quantity);
            if (!hold.isZero()) {
                return Pushed.of(new PushOutcome.Throttled(sku, hold));
            }
            from = available;
        }
        ShopifyWrites.Write write = writes.record(account.merchant(), item, quantity);
        SetAnswer attempt = set(account, item, location, quantity, from, wireKey(request.idempotencyKey()));
        if (attempt instanceof KeyTaken) {
            // The key was used before with other variables (a re-push with a new expectation): this attempt is a new
            // intended operation and gets a key of its own.
            attempt = set(account, item, location, quantity, from, derivedKey(request, item, location, from));
        }
        if (attempt instanceof Stale) {
            Read fresh = read(account, item, location);
            if (!(fresh instanceof Level(int available, var freshUpdatedAt))) {
                writes.forget(write);
                return readFailed(fresh, sku);
            }
            if (available == quantity) {
                writes.forget(write);
                return Pushed.of(new PushOutcome.Applied(sku, quantity));
            }
            Duration hold = holdBeforeRaise(available, freshUpdatedAt, quantity);
            if (!hold.isZero()) {
                writes.forget(write);
                return Pushed.of(new PushOutcome.Throttled(sku, hold));
            }
            attempt = set(account, item, location, quantity, available, derivedKey(request, item, location, available));
            if (attempt instanceof Stale) {
                writes.forget(write);
                int channelQuantity = read(account, item, location) instanceof Level(int now, var at) ? now : available;
                log.info("Shopify level of {} kept changing under the push; still stale at {}", sku, channelQuantity);
                return Pushed.of(new PushOutcome.Stale(sku, channelQuantity));
            }
        }
        return switch (attempt) {
            case Written written -> {
                if (written.delta() == 0) {
                    // Nothing changed, so Shopify sends no level update to recognise.
                    writes.forget(write);
                }
                yield Pushed.of(new PushOutcome.Applied(sku, quantity));
            }
            case Refused refused -> {
                writes.forget(write);
                yield Pushed.of(new PushOutcome.Rejected(sku, refused.reason()));
            }
            case Failure failure -> {
                // A transient failure may have been applied (the answer was lost): its echo may still come.
                if (failure.kind() != Failure.Kind.TRANSIENT) {
                    writes.forget(write);
                }
                yield Pushed.of(failure, sku);
            }
            case Stale stale -> throw new IllegalStateException("handled above");
            case KeyTaken taken -> {
                writes.forget(write);
                yield Pushed.of(new PushOutcome.Rejected(sku, "Shopify refused the idempotency key"));
            }
        };
    }

    private static Pushed readFailed(Read read, String sku) {
        return switch (read) {
            case Failure failure -> Pushed.of(failure, sku);
            case Missing missing -> Pushed.of(new PushOutcome.Rejected(sku, missing.reason()));
            case Level level -> throw new IllegalStateException("not a failure");
        };
    }

    // --- Shopify's operations ----------------------------------------------------------------------------------

    private sealed interface Read permits Level, Missing, Failure {}

    /** Shopify's available quantity and when it last changed ({@code InventoryQuantity.updatedAt}, when given). */
    private record Level(int available, @Nullable Instant updatedAt) implements Read {}

    private record Missing(String reason) implements Read {}

    private sealed interface SetAnswer permits Written, Stale, KeyTaken, Refused, Failure {}

    private record Written(int delta) implements SetAnswer {}

    private record Stale() implements SetAnswer {}

    private record KeyTaken() implements SetAnswer {}

    private record Refused(String reason) implements SetAnswer {}

    /** A call that did not produce data: how the push should treat it. */
    private record Failure(Kind kind, String reason, Duration retryAfter, boolean endsBatch)
            implements Read, SetAnswer, Answer {

        enum Kind {
            THROTTLED,
            TRANSIENT,
            REJECTED
        }

        static Failure transientFailure(String reason, boolean endsBatch) {
            return new Failure(Kind.TRANSIENT, reason, Duration.ZERO, endsBatch);
        }

        static Failure rejected(String reason, boolean endsBatch) {
            return new Failure(Kind.REJECTED, reason, Duration.ZERO, endsBatch);
        }

        static Failure throttled(Duration retryAfter) {
            return new Failure(Kind.THROTTLED, "Shopify's cost bucket is empty", retryAfter, true);
        }

        PushOutcome outcome(String sku) {
            return switch (kind) {
                case THROTTLED -> new PushOutcome.Throttled(sku, retryAfter);
                case TRANSIENT -> new PushOutcome.Transient(sku, reason);
                case REJECTED -> new PushOutcome.Rejected(sku, reason);
            };
        }
    }

    /**
     * How long to wait before writing {@code quantity} over a level Mercator did not expect. When Shopify shows fewer
     * units than Mercator would offer and its level changed moments ago, the likeliest cause is an order whose
     * webhook has not arrived yet: writing now would offer sold units again. The write waits until the level has been
     * still for the settle window (the same one that lets level reports settle), by which time that webhook has
     * normally been applied and the push recomputed. Lowering is never held back, and neither is a level that has been
     * still for longer (a real difference, e.g. the first sync of a shop that counts differently).
     */
    private Duration holdBeforeRaise(int available, @Nullable Instant updatedAt, int quantity) {
        if (quantity <= available || updatedAt == null) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(updatedAt, clock.instant());
        Duration left = settle.minus(age.isNegative() ? Duration.ZERO : age);
        return left.isNegative() || left.isZero() ? Duration.ZERO : left.plusMillis(100);
    }

    private Read read(ChannelAccounts.ShopifyAccount account, String item, String location) {
        ObjectNode variables = json.createObjectNode();
        variables.put("item", "gid://shopify/InventoryItem/" + item);
        variables.put("location", "gid://shopify/Location/" + location);
        Answer answer = call(account, LEVEL_QUERY, variables, READ_COST);
        if (answer instanceof Failure failure) {
            return failure;
        }
        JsonNode data = ((Data) answer).data();
        JsonNode inventoryItem = data.path("inventoryItem");
        if (!inventoryItem.isObject()) {
            return new Missing("Shopify has no inventory item " + item);
        }
        JsonNode level = inventoryItem.path("inventoryLevel");
        if (!level.isObject()) {
            return new Missing("Shopify inventory item " + item + " is not stocked at location " + location);
        }
        for (JsonNode quantity : level.path("quantities")) {
            if ("available".equals(quantity.path("name").asString(""))
                    && quantity.path("quantity").isIntegralNumber()) {
                Instant updatedAt = null;
                try {
                    String at = quantity.path("updatedAt").asString(null);
                    updatedAt = at == null ? null : Instant.parse(at);
                } catch (java.time.format.DateTimeParseException unreadable) {
                    // No time: the level is treated as old, as before this field was read.
                }
                return new Level(quantity.path("quantity").asInt(), updatedAt);
            }
        }
        return Failure.transientFailure("Shopify answered without an available quantity", false);
    }

    private SetAnswer set(
            ChannelAccounts.ShopifyAccount account, String item, String location, int quantity, int from, String key) {
        ObjectNode input = json.createObjectNode();
        input.put("name", "available");
        input.put("reason", "correction");
        input.put("referenceDocumentUri", "mercator://push/" + URLEncoder.encode(key, StandardCharsets.UTF_8));
        ArrayNode quantities = input.putArray("quantities");
        ObjectNode entry = quantities.addObject();
        entry.put("inventoryItemId", "gid://shopify/InventoryItem/" + item);
        entry.put("locationId", "gid://shopify/Location/" + location);
        entry.put("quantity", quantity);
        entry.put("changeFromQuantity", from);
        ObjectNode variables = json.createObjectNode();
        variables.set("input", input);
        Answer answer = call(account, SET_MUTATION.formatted(graphQlString(key)), variables, MUTATION_COST);
        if (answer instanceof Failure failure) {
            return failure;
        }
        JsonNode payload = ((Data) answer).data().path("inventorySetQuantities");
        if (!payload.isObject()) {
            return Failure.transientFailure("Shopify answered without a payload", false);
        }
        JsonNode errors = payload.path("userErrors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> codes = new ArrayList<>();
            errors.forEach(error -> codes.add(error.path("code").asString("")));
            if (codes.contains("CHANGE_FROM_QUANTITY_STALE") || codes.contains("COMPARE_QUANTITY_STALE")) {
                return new Stale();
            }
            if (codes.contains("IDEMPOTENCY_KEY_PARAMETER_MISMATCH")
                    || codes.contains("IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED")) {
                return new KeyTaken();
            }
            if (codes.contains("IDEMPOTENCY_CONCURRENT_REQUEST")) {
                return Failure.transientFailure("the same Shopify write is still in progress", false);
            }
            JsonNode first = errors.get(0);
            return new Refused(
                    "Shopify refused the quantity: " + first.path("code").asString("") + " "
                            + first.path("message").asString(""));
        }
        int delta = 0;
        for (JsonNode change : payload.path("inventoryAdjustmentGroup").path("changes")) {
            if ("available".equals(change.path("name").asString(""))) {
                delta += change.path("delta").asInt(0);
            }
        }
        if (!payload.path("inventoryAdjustmentGroup").isObject()) {
            return Failure.transientFailure("Shopify answered without an adjustment", false);
        }
        return new Written(delta);
    }

    // --- Transport ---------------------------------------------------------------------------------------------

    private sealed interface Answer permits Data, Failure {}

    private record Data(JsonNode data) implements Answer {}

    private Answer call(ChannelAccounts.ShopifyAccount account, String document, ObjectNode variables, int cost) {
        String shop = account.shopDomain();
        CostBudget budget = budgets.computeIfAbsent(shop, s -> new CostBudget());
        Duration wait;
        while (!(wait = budget.reserve(cost)).isZero()) {
            if (wait.compareTo(settings.maxThrottleWait()) > 0) {
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
        try {
            return rest.post()
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
    }

    private Answer interpret(CostBudget budget, int status, HttpHeaders headers, byte[] raw, int cost) {
        @Nullable JsonNode body = parse(raw);
        JsonNode costs =
                body == null ? json.missingNode() : body.path("extensions").path("cost");
        budget.observe(costs.path("throttleStatus"));
        if (status == 401 || status == 403) {
            return Failure.rejected("Shopify refused the access token (HTTP " + status + ")", true);
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
    private @Nullable String unusable() {
        return endpoints.available(settings)
                ? null
                : "Shopify is in sandbox mode but the sandbox is disabled; set MERCATOR_SHOPIFY_MODE=live";
    }

    // --- Identities and keys -------------------------------------------------------------------------------------

    private static @Nullable String location(PushTarget target, ChannelAccounts.ShopifyAccount account) {
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

    /** The request's key as sent; one that could not be written safely into the document is hashed to a UUID. */
    static String wireKey(String idempotencyKey) {
        return SAFE_KEY.matcher(idempotencyKey).matches()
                ? idempotencyKey
                : UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8))
                        .toString();
    }

    /** A key for an attempt with other variables than the request's own: stable for the same variables. */
    static String derivedKey(PushRequest request, String item, String location, int from) {
        String seed = "mercator:shopify:" + request.idempotencyKey() + ":" + item + ":" + location + ":" + from + ":"
                + request.quantity();
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String graphQlString(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    // --- The cost bucket as last reported --------------------------------------------------------------------------

    /**
     * Shopify's bucket for one shop as this instance last saw it, refilled by the elapsed time at the reported restore
     * rate and drawn down by the calls sent since. Other instances and other apps draw from the same bucket, so this is
     * an estimate that each answer corrects; Shopify's own throttling remains the authority.
     */
    static final class CostBudget {

        private boolean known;
        private double available;
        private double maximum;
        private double restoreRate;
        private long observedAt;

        synchronized void observe(JsonNode throttleStatus) {
            if (!throttleStatus.path("currentlyAvailable").isNumber()
                    || !throttleStatus.path("restoreRate").isNumber()) {
                return;
            }
            known = true;
            available = throttleStatus.path("currentlyAvailable").asDouble();
            maximum = throttleStatus.path("maximumAvailable").asDouble(available);
            restoreRate = throttleStatus.path("restoreRate").asDouble();
            observedAt = System.nanoTime();
        }

        /** Zero when the call may go now (its cost is set aside), else how long until the bucket can pay for it. */
        synchronized Duration reserve(int cost) {
            if (!known || restoreRate <= 0) {
                return Duration.ZERO;
            }
            long now = System.nanoTime();
            double estimate =
                    Math.min(Math.max(maximum, available), available + (now - observedAt) / 1e9 * restoreRate);
            if (estimate >= cost) {
                available = estimate - cost;
                observedAt = now;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((cost - estimate) / restoreRate * 1e9));
        }
    }
}

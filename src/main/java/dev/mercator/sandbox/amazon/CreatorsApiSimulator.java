package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.SimulatedProvider;
import dev.mercator.sandbox.catalog.AccountLimits;
import dev.mercator.sandbox.catalog.CallStats;
import dev.mercator.sandbox.catalog.CatalogSandboxSettings;
import dev.mercator.sandbox.catalog.FormBody;
import dev.mercator.sandbox.catalog.GeneratedCatalog;
import dev.mercator.sandbox.catalog.Json;
import dev.mercator.sandbox.catalog.Listing;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.sandbox.catalog.Shop;
import dev.mercator.sandbox.catalog.TokenIssuer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Amazon Creators API and the two token endpoints of its credentials: {@code POST /oauth2/token} (Amazon Cognito,
 * for 2.x credentials: form body, scope {@code creatorsapi/default}) and {@code POST /auth/o2/token} (Login with Amazon,
 * for 3.x credentials: JSON or form body, scope {@code creatorsapi::default}, client ids prefixed {@code
 * amzn1.application-oa2-client.} as LWA's are). A credential exists in one of the two only, so the other refuses it as
 * an unknown client. Then {@code POST /catalog/v1/searchItems} and {@code /catalog/v1/getItems} with {@code
 * x-marketplace} and {@code Authorization: Bearer <token>, Version 2.x} for a Cognito token or {@code Bearer <token>}
 * for an LWA token, as Amazon's SDKs send them; the other shape is refused as an invalid token (Amazon does not
 * document what it does with it: refusing keeps clients to the SDKs' shape). Tokens live an hour; each account may
 * make {@code amazon-tps} calls a second. Errors are the SDK's models: 401 {@code UnauthorizedException} with reason {@code TokenExpired} or
 * {@code InvalidToken}, 400 {@code ValidationException} ({@code InvalidPartnerTag}, {@code FieldValidationFailed}), 404
 * {@code ResourceNotFoundException} (a search that matched nothing), 429 {@code ThrottlingException}.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + CreatorsApiSimulator.NAME, produces = MediaType.APPLICATION_JSON_VALUE)
class CreatorsApiSimulator implements SimulatedProvider {

    static final String NAME = "amazon-creators";
    static final String LWA_CLIENT_PREFIX = "amzn1.application-oa2-client.";
    static final String THROTTLED = "The request was denied due to request throttling. Please verify the number of "
            + "requests made per second to the Amazon Creators API.";

    private final GeneratedCatalog catalog;
    private final TokenIssuer tokens;
    private final TokenIssuer lwaTokens;
    private final AccountLimits limits;
    private final CallStats stats = new CallStats();

    CreatorsApiSimulator(GeneratedCatalog catalog, CatalogSandboxSettings settings, Clock clock) {
        this.catalog = catalog;
        this.tokens = new TokenIssuer("Atc|sbx|", Duration.ofHours(1), clock);
        this.lwaTokens = new TokenIssuer("Atza|sbx|", Duration.ofHours(1), clock);
        this.limits = new AccountLimits(settings.amazonRate(), 1, clock);
    }

    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> token(
            @RequestParam MultiValueMap<String, String> query,
            @RequestBody(required = false) @Nullable String formBody) {
        MultiValueMap<String, String> form = FormBody.parse(query, formBody);
        if (!"client_credentials".equals(form.getFirst("grant_type"))) {
            return oauthError(HttpStatus.BAD_REQUEST, "unsupported_grant_type", null);
        }
        String id = String.valueOf(form.getFirst("client_id"));
        String secret = String.valueOf(form.getFirst("client_secret"));
        if (form.getFirst("client_id") == null || lwaClient(id) || !SandboxAccounts.accepts(NAME, id, secret)) {
            return oauthError(HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication failed");
        }
        if (!"creatorsapi/default".equals(form.getFirst("scope"))) {
            return oauthError(HttpStatus.BAD_REQUEST, "invalid_scope", "Invalid scope");
        }
        return granted(id, tokens, "Bearer");
    }

    /** Login with Amazon takes the grant as JSON (what Amazon's SDKs send for 3.x) or as a form. */
    @PostMapping(path = "/auth/o2/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> lwaTokenFromJson(@RequestBody String body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return lwaError(HttpStatus.BAD_REQUEST, "invalid_request", "Malformed request");
        }
        Map<String, @Nullable String> fields = new HashMap<>();
        for (String name : List.of("grant_type", "client_id", "client_secret", "scope")) {
            JsonNode value = json.path(name);
            fields.put(name, value.isString() ? value.asString() : null);
        }
        return lwaToken(fields);
    }

    @PostMapping(path = "/auth/o2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> lwaTokenFromForm(
            @RequestParam MultiValueMap<String, String> query,
            @RequestBody(required = false) @Nullable String formBody) {
        MultiValueMap<String, String> form = FormBody.parse(query, formBody);
        Map<String, @Nullable String> fields = new HashMap<>();
        for (String name : List.of("grant_type", "client_id", "client_secret", "scope")) {
            fields.put(name, form.getFirst(name));
        }
        return lwaToken(fields);
    }

    /** LWA's checks in its order, each answered with its own {@code error} and {@code error_description}. */
    private ResponseEntity<String> lwaToken(Map<String, @Nullable String> request) {
        for (String required : List.of("grant_type", "client_id", "client_secret")) {
            String value = request.get(required);
            if (value == null || value.isBlank()) {
                return lwaError(
                        HttpStatus.BAD_REQUEST,
                        "invalid_request",
                        "The request is missing a required parameter : " + required);
            }
        }
        if (!"client_credentials".equals(request.get("grant_type"))) {
            return lwaError(
                    HttpStatus.BAD_REQUEST, "unsupported_grant_type", "The authorization grant type is not supported");
        }
        String id = String.valueOf(request.get("client_id"));
        if (!lwaClient(id) || !SandboxAccounts.accepts(NAME, id, String.valueOf(request.get("client_secret")))) {
            return lwaError(HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication failed");
        }
        if (!"creatorsapi::default".equals(request.get("scope"))) {
            return lwaError(HttpStatus.BAD_REQUEST, "invalid_scope", "An unknown scope was requested");
        }
        return granted(id, lwaTokens, "bearer");
    }

    private ResponseEntity<String> granted(String account, TokenIssuer issuer, String tokenType) {
        stats.count(account, "tokens");
        ObjectNode body = Json.object();
        body.put("access_token", issuer.issue(account));
        body.put("token_type", tokenType);
        body.put("expires_in", issuer.lifetime().toSeconds());
        return json(HttpStatus.OK, body);
    }

    /** Login with Amazon's client ids carry this prefix; Cognito's are plain. */
    private static boolean lwaClient(String id) {
        return id.startsWith(LWA_CLIENT_PREFIX);
    }

    @PostMapping("/catalog/v1/searchItems")
    ResponseEntity<String> searchItems(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestHeader(name = "x-marketplace", required = false) @Nullable String marketplace,
            @RequestBody String body) {
        Call call = authorize(authorization, marketplace, body, "searchItems");
        if (call.refusal() != null) {
            return call.refusal();
        }
        JsonNode request = call.request();
        String keywords = request.path("keywords").asString("");
        int itemCount = request.path("itemCount").asInt(10);
        int itemPage = request.path("itemPage").asInt(1);
        if (keywords.isBlank() || keywords.length() > 1000) {
            return validation(
                    "FieldValidationFailed", "1 validation error detected", "keywords", "must be 1..1000 characters");
        }
        if (itemCount < 1 || itemCount > 10 || itemPage < 1 || itemPage > 10) {
            return validation(
                    "FieldValidationFailed",
                    "1 validation error detected",
                    "itemCount",
                    "itemCount 1..10, itemPage 1..10");
        }
        List<Listing> found = catalog.search(Shop.AMAZON, keywords);
        int from = (itemPage - 1) * itemCount;
        if (from >= found.size()) {
            // The SDK's ResourceNotFoundException: the Creators API has no PA-API style error list.
            ObjectNode none = Json.object();
            none.put("type", "ResourceNotFoundException");
            none.put("message", "No items found for the request.");
            none.put("resourceId", keywords);
            none.put("resourceType", "SearchResult");
            return json(HttpStatus.NOT_FOUND, none);
        }
        ObjectNode reply = Json.object();
        ObjectNode result = reply.putObject("searchResult");
        result.put("totalResultCount", found.size());
        result.put(
                "searchURL",
                "https://" + call.marketplace() + "/s?k=" + keywords.replace(' ', '+') + "&tag=" + call.partnerTag()
                        + "&linkCode=osi");
        ArrayNode items = result.putArray("items");
        for (Listing listing : found.subList(from, Math.min(found.size(), from + itemCount))) {
            items.add(AmazonItems.item(listing, call.partnerTag(), call.marketplace()));
        }
        return json(HttpStatus.OK, reply);
    }

    @PostMapping("/catalog/v1/getItems")
    ResponseEntity<String> getItems(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestHeader(name = "x-marketplace", required = false) @Nullable String marketplace,
            @RequestBody String body) {
        Call call = authorize(authorization, marketplace, body, "getItems");
        if (call.refusal() != null) {
            return call.refusal();
        }
        JsonNode ids = call.request().path("itemIds");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > 10) {
            return validation(
                    "FieldValidationFailed", "1 validation error detected", "itemIds", "must have 1..10 elements");
        }
        ObjectNode reply = Json.object();
        ArrayNode items = reply.putObject("itemsResult").putArray("items");
        List<ObjectNode> errors = new ArrayList<>();
        for (JsonNode id : ids) {
            Optional<Listing> listing = catalog.listing(Shop.AMAZON, id.asString(""));
            if (listing.isPresent()) {
                items.add(AmazonItems.item(listing.get(), call.partnerTag(), call.marketplace()));
            } else {
                ObjectNode error = Json.object();
                error.put("code", "ItemNotAccessible");
                error.put("message", "The ItemId " + id.asString("") + " is not accessible through the Creators API.");
                errors.add(error);
            }
        }
        if (!errors.isEmpty()) {
            reply.putArray("errors").addAll(errors);
        }
        return json(HttpStatus.OK, reply);
    }

    /** Per-account counters (token grants, calls), for tests that check clients cache their tokens. */
    @GetMapping("/_sandbox/accounts/{account}/stats")
    Map<String, Long> stats(@PathVariable String account) {
        return stats.of(account);
    }

    /** Expires every token of an account now, as if an hour had passed. */
    @PostMapping("/_sandbox/accounts/{account}/expire-tokens")
    ResponseEntity<Void> expireTokens(@PathVariable String account) {
        tokens.expire(account);
        lwaTokens.expire(account);
        return ResponseEntity.noContent().build();
    }

    private record Call(
            @Nullable ResponseEntity<String> refusal, JsonNode request, String partnerTag, String marketplace) {

        static Call refused(ResponseEntity<String> refusal) {
            return new Call(refusal, Json.object(), "", "");
        }
    }

    private Call authorize(
            @Nullable String authorization, @Nullable String marketplace, String body, String operation) {
        Bearer bearer = bearer(authorization);
        if (bearer == null) {
            return Call.refused(unauthorized("MissingCredential", "The request is missing the access token."));
        }
        String token = bearer.token();
        // A Cognito (2.x) token travels with its credential's version, an LWA (3.x) token alone.
        boolean lwa = token.startsWith("Atza|");
        TokenIssuer issuer = lwa ? lwaTokens : tokens;
        Optional<TokenIssuer.Grant> grant = issuer.grant(token);
        boolean shaped = lwa
                ? bearer.version() == null
                : bearer.version() != null && bearer.version().startsWith("2.");
        if (grant.isEmpty() || !shaped) {
            return Call.refused(
                    shaped && issuer.problem(token) == TokenIssuer.Problem.EXPIRED
                            ? unauthorized("TokenExpired", "The access token is expired.")
                            : unauthorized("InvalidToken", "The access token is invalid."));
        }
        String account = grant.get().account();
        Duration wait = limits.take(account);
        if (!wait.isZero()) {
            stats.count(account, "throttled");
            return Call.refused(throttled(Math.max(1, wait.toSeconds())));
        }
        if (marketplace == null || marketplace.isBlank()) {
            return Call.refused(
                    validation("FieldValidationFailed", "1 validation error detected", "x-marketplace", "is required"));
        }
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return Call.refused(validation("CannotParse", "The request body could not be parsed.", null, null));
        }
        String partnerTag = request.path("partnerTag").asString("");
        if (!AmazonItems.PARTNER_TAG.matcher(partnerTag).matches()) {
            return Call.refused(
                    validation("InvalidPartnerTag", "The partner tag is invalid or not present.", null, null));
        }
        stats.count(account, operation);
        return new Call(null, request, partnerTag, marketplace.strip());
    }

    /** {@code Bearer <token>} or {@code Bearer <token>, Version <version>}. */
    private record Bearer(String token, @Nullable String version) {}

    private static @Nullable Bearer bearer(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String rest = authorization.substring(7).strip();
        int comma = rest.indexOf(',');
        if (comma < 0) {
            return new Bearer(rest, null);
        }
        String tail = rest.substring(comma + 1).strip();
        String version = tail.regionMatches(true, 0, "Version ", 0, 8)
                ? tail.substring(8).strip()
                : tail;
        return new Bearer(rest.substring(0, comma).strip(), version);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ResponseEntity<String> throttled(long retryAfterSeconds) {
        ObjectNode body = Json.object();
        body.put("type", "ThrottlingException");
        body.put("message", THROTTLED);
        // Amazon sends no Retry-After; clients must back off on their own.
        return json(HttpStatus.TOO_MANY_REQUESTS, body);
    }

    /** The SDK's {@code ValidationException}, as for an item count out of range. */
    @Override
    public ResponseEntity<String> badRequest() {
        return validation(
                "FieldValidationFailed", "1 validation error detected", "itemCount", "itemCount 1..10, itemPage 1..10");
    }

    @Override
    public ResponseEntity<String> serverError(HttpStatus status) {
        ObjectNode body = Json.object();
        body.put(
                "type",
                status == HttpStatus.SERVICE_UNAVAILABLE ? "ServiceUnavailableException" : "InternalServerException");
        body.put("message", "We encountered an internal error. Please try again.");
        return json(status, body);
    }

    private static ResponseEntity<String> unauthorized(String reason, String message) {
        ObjectNode body = Json.object();
        body.put("type", "UnauthorizedException");
        body.put("message", message);
        body.put("reason", reason);
        return json(HttpStatus.UNAUTHORIZED, body);
    }

    private static ResponseEntity<String> validation(
            String reason, String message, @Nullable String field, @Nullable String fieldMessage) {
        ObjectNode body = Json.object();
        body.put("type", "ValidationException");
        body.put("message", message);
        body.put("reason", reason);
        if (field != null) {
            ObjectNode entry = body.putArray("fieldList").addObject();
            entry.put("name", field);
            entry.put("message", fieldMessage);
        }
        return json(HttpStatus.BAD_REQUEST, body);
    }

    private static ResponseEntity<String> oauthError(HttpStatus status, String error, @Nullable String description) {
        ObjectNode body = Json.object();
        body.put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        return json(status, body);
    }

    /** LWA's error body, description first as LWA writes it. */
    private static ResponseEntity<String> lwaError(HttpStatus status, String error, String description) {
        ObjectNode body = Json.object();
        body.put("error_description", description);
        body.put("error", error);
        return json(status, body);
    }

    static ResponseEntity<String> json(HttpStatus status, JsonNode body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(body));
    }
}

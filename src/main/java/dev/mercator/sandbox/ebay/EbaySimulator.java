package dev.mercator.sandbox.ebay;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.SimulatedProvider;
import dev.mercator.sandbox.catalog.CallStats;
import dev.mercator.sandbox.catalog.FormBody;
import dev.mercator.sandbox.catalog.GeneratedCatalog;
import dev.mercator.sandbox.catalog.Json;
import dev.mercator.sandbox.catalog.Listing;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.sandbox.catalog.Shop;
import dev.mercator.sandbox.catalog.TokenIssuer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
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
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * eBay: {@code POST /identity/v1/oauth2/token} (HTTP Basic with client id and secret, {@code
 * grant_type=client_credentials}, the public {@code scope}), then the Browse API's {@code GET
 * /buy/browse/v1/item_summary/search} ({@code q}, {@code limit} 1..200, {@code offset} a multiple of {@code limit},
 * {@code filter} applied as {@link BrowseFilter} reads it) and {@code GET /buy/browse/v1/item/{item_id}}. Errors are
 * {@code {"errors":[{errorId,domain,category,message,longMessage,parameters}]}}: 401 with errorId 1001 for a bad or
 * expired token, 400 with 12001/12002/12003 for bad search parameters or an unparseable filter, 404 with 11001 for an
 * unknown item, 429 with 2001. A filter value eBay cannot use is not an error but, as at eBay, an HTTP 200 with {@code
 * warnings} 12002/12012 and the search run without it. With {@code affiliateCampaignId} in {@code
 * X-EBAY-C-ENDUSERCTX}, items carry an {@code itemAffiliateWebUrl} with that campaign id. What is verified against
 * eBay's own material and what is not: docs/providers/ebay-browse.md.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + EbaySimulator.NAME, produces = MediaType.APPLICATION_JSON_VALUE)
class EbaySimulator implements SimulatedProvider {

    static final String NAME = "ebay";
    static final String SCOPE = "https://api.ebay.com/oauth/api_scope";
    /** Every sandbox listing is new and sold at a fixed price. */
    static final String CONDITION_ID = "1000";

    static final String BUYING_OPTION = "FIXED_PRICE";

    private final GeneratedCatalog catalog;
    private final Markets markets;
    private final TokenIssuer tokens = new TokenIssuer("v^1.1#i^1#sbx#", Duration.ofHours(2), Clock.systemUTC());
    private final CallStats stats = new CallStats();

    EbaySimulator(GeneratedCatalog catalog, Markets markets) {
        this.catalog = catalog;
        this.markets = markets;
    }

    @PostMapping(path = "/identity/v1/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> token(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestParam MultiValueMap<String, String> query,
            @RequestBody(required = false) @Nullable String formBody) {
        MultiValueMap<String, String> form = FormBody.parse(query, formBody);
        String[] basic = basic(authorization);
        if (basic == null || !SandboxAccounts.accepts(NAME, basic[0], basic[1])) {
            return BrowseErrors.oauth(HttpStatus.UNAUTHORIZED, "invalid_client", "client authentication failed");
        }
        if (!"client_credentials".equals(form.getFirst("grant_type"))) {
            return BrowseErrors.oauth(
                    HttpStatus.BAD_REQUEST,
                    "unsupported_grant_type",
                    "grant type in request is not supported by the authorization server");
        }
        String scope = form.getFirst("scope");
        // eBay's client-credentials guide lists scope as required: a space-separated list of application scopes, of
        // which the sandbox app has only the public one.
        if (scope == null
                || scope.isBlank()
                || !Arrays.stream(scope.strip().split(" +")).allMatch(SCOPE::equals)) {
            return BrowseErrors.oauth(
                    HttpStatus.BAD_REQUEST,
                    "invalid_scope",
                    "The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client");
        }
        stats.count(basic[0], "tokens");
        ObjectNode body = Json.object();
        body.put("access_token", tokens.issue(basic[0]));
        body.put("expires_in", tokens.lifetime().toSeconds());
        body.put("token_type", "Application Access Token");
        return json(HttpStatus.OK, body);
    }

    @GetMapping("/buy/browse/v1/item_summary/search")
    ResponseEntity<String> search(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestHeader(name = "X-EBAY-C-ENDUSERCTX", required = false) @Nullable String context,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String offset,
            @RequestParam(required = false) @Nullable String filter,
            @RequestParam(name = "category_ids", required = false) @Nullable String categoryIds,
            @RequestParam(required = false) @Nullable String sort) {
        Optional<String> account = account(authorization);
        if (account.isEmpty()) {
            return invalidToken();
        }
        Optional<Market> market = account.flatMap(markets::of);
        boolean categoryOnly = market.isPresent() && categoryIds != null && !categoryIds.isBlank();
        if ((q == null || q.isBlank()) && !categoryOnly) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    12001,
                    "API_BROWSE",
                    "REQUEST",
                    "The call must have a valid 'q', 'category_ids', 'charity_ids', 'epid' or 'gtin' query parameter.");
        }
        int size;
        int from;
        try {
            size = limit == null ? 50 : Integer.parseInt(limit);
            from = offset == null ? 0 : Integer.parseInt(offset);
        } catch (NumberFormatException e) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    12003,
                    "API_BROWSE",
                    "REQUEST",
                    "The 'limit' and 'offset' values must be integers.");
        }
        if (size < 1 || size > 200) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    12003,
                    "API_BROWSE",
                    "REQUEST",
                    "The 'limit' value should be between 1 and 200 (inclusive).");
        }
        if (from < 0 || from > 10_000 || from % size != 0) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    12002,
                    "API_BROWSE",
                    "REQUEST",
                    "The 'offset' value must be 0 or a multiple of the 'limit' value, at most 10000.");
        }
        BrowseFilter.Parsed parsed = BrowseFilter.parse(filter);
        BrowseFilter.Problem refusal = parsed.refusal();
        if (refusal != null) {
            return BrowseErrors.refused(refusal);
        }
        stats.count(account.get(), "search");
        String campaign = campaignId(context);
        if (market.isPresent()) {
            List<MarketListing> matching = MarketSearch.find(market.get(), q, categoryIds, sort, parsed.filter());
            ObjectNode page = MarketSearch.page(
                    matching,
                    href(q, filter, size)
                            + (categoryIds == null ? "" : "&category_ids=" + categoryIds)
                            + (sort == null ? "" : "&sort=" + sort),
                    size,
                    from,
                    campaign,
                    parsed.warnings());
            market.get()
                    .markShown(
                            matching.subList(Math.min(from, matching.size()), Math.min(matching.size(), from + size)));
            return json(HttpStatus.OK, page);
        }
        String query = q == null ? "" : q;
        List<Listing> found = catalog.search(Shop.EBAY, query).stream()
                .filter(parsed.filter()::accepts)
                .toList();
        ObjectNode body = Json.object();
        if (!parsed.warnings().isEmpty()) {
            // As eBay: HTTP 200, the warnings first, and the search run without the filters they name.
            ArrayNode warnings = body.putArray("warnings");
            parsed.warnings().forEach(warning -> BrowseErrors.entry(warnings, warning));
        }
        String base = href(query, filter, size);
        body.put("href", base + "&offset=" + from);
        body.put("total", found.size());
        body.put("limit", size);
        body.put("offset", from);
        if (from + size < found.size()) {
            body.put("next", base + "&offset=" + (from + size));
        }
        if (from > 0) {
            body.put("prev", base + "&offset=" + Math.max(0, from - size));
        }
        if (from < found.size()) {
            ArrayNode summaries = body.putArray("itemSummaries");
            for (Listing listing : found.subList(from, Math.min(found.size(), from + size))) {
                ObjectNode summary = summaries.addObject();
                common(summary, listing, campaign);
            }
        }
        return json(HttpStatus.OK, body);
    }

    private static String href(@Nullable String q, @Nullable String filter, int size) {
        return "https://api.ebay.com/buy/browse/v1/item_summary/search?q="
                + UriUtils.encodeQueryParam(q == null ? "" : q, StandardCharsets.UTF_8)
                + (filter == null || filter.isBlank()
                        ? ""
                        : "&filter=" + UriUtils.encodeQueryParam(filter, StandardCharsets.UTF_8))
                + "&limit=" + size;
    }

    @GetMapping("/buy/browse/v1/item/{itemId}")
    ResponseEntity<String> item(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @RequestHeader(name = "X-EBAY-C-ENDUSERCTX", required = false) @Nullable String context,
            @PathVariable String itemId) {
        Optional<String> account = account(authorization);
        if (account.isEmpty()) {
            return invalidToken();
        }
        stats.count(account.get(), "getItem");
        Optional<Market> market = account.flatMap(markets::of);
        if (market.isPresent()) {
            // A sold or ended listing is gone from the Browse API, as at eBay.
            Optional<MarketListing> listing = market.get().listing(itemId).filter(MarketListing::active);
            if (listing.isEmpty()) {
                return error(
                        HttpStatus.NOT_FOUND, 11001, "API_BROWSE", "REQUEST", "The specified item ID was not found.");
            }
            market.get().markShown(List.of(listing.get()));
            ObjectNode item = Json.object();
            MarketSearch.render(item, listing.get(), campaignId(context), true);
            return json(HttpStatus.OK, item);
        }
        Optional<Listing> found = catalog.listing(Shop.EBAY, itemId);
        if (found.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, 11001, "API_BROWSE", "REQUEST", "The specified item ID was not found.");
        }
        Listing listing = found.get();
        ObjectNode item = Json.object();
        common(item, listing, campaignId(context));
        item.put("brand", listing.product().brand());
        item.put("mpn", listing.product().model());
        item.put("gtin", listing.gtin());
        item.put("color", listing.product().colour());
        item.put("shortDescription", listing.product().canonicalTitle());
        item.put("description", listing.description());
        ObjectNode availability = item.putArray("estimatedAvailabilities").addObject();
        availability.put("estimatedAvailabilityStatus", listing.inStock() ? "IN_STOCK" : "OUT_OF_STOCK");
        return json(HttpStatus.OK, item);
    }

    @GetMapping("/_sandbox/accounts/{account}/stats")
    Map<String, Long> stats(@PathVariable String account) {
        return stats.of(account);
    }

    @PostMapping("/_sandbox/accounts/{account}/expire-tokens")
    ResponseEntity<Void> expireTokens(@PathVariable String account) {
        tokens.expire(account);
        return ResponseEntity.noContent().build();
    }

    private static void common(ObjectNode node, Listing listing, @Nullable String campaign) {
        String legacy = listing.id().split("\\|")[1];
        node.put("itemId", listing.id());
        node.put("legacyItemId", legacy);
        node.put("title", listing.title());
        BigDecimal price = listing.price();
        if (price != null) {
            ObjectNode money = node.putObject("price");
            money.put("value", price.toPlainString());
            money.put("currency", listing.currency());
        }
        node.putObject("image").put("imageUrl", listing.imageUrl());
        node.put(
                "itemHref",
                "https://api.ebay.com/buy/browse/v1/item/"
                        + UriUtils.encodePathSegment(listing.id(), StandardCharsets.UTF_8));
        node.put("itemWebUrl", "https://www.ebay.com/itm/" + legacy);
        if (campaign != null) {
            node.put(
                    "itemAffiliateWebUrl",
                    "https://www.ebay.com/itm/" + legacy + "?mkevt=1&mkcid=1&mkrid=711-53200-19255-0&campid=" + campaign
                            + "&toolid=10044");
        }
        node.put("condition", "New");
        node.put("conditionId", CONDITION_ID);
        node.putArray("buyingOptions").add(BUYING_OPTION);
    }

    /** {@code affiliateCampaignId=<id>,affiliateReferenceId=...}: the campaign id, if any. */
    static @Nullable String campaignId(@Nullable String context) {
        if (context == null) {
            return null;
        }
        for (String pair : context.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equals("affiliateCampaignId")) {
                String value = pair.substring(eq + 1).strip();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    Optional<String> account(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return tokens.grant(authorization.substring(7).strip()).map(TokenIssuer.Grant::account);
    }

    private static String @Nullable [] basic(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ResponseEntity<String> invalidToken() {
        return error(
                HttpStatus.UNAUTHORIZED,
                1001,
                "OAuth",
                "REQUEST",
                "Invalid access token",
                "Invalid access token. Check the value of the Authorization HTTP request header.");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ResponseEntity<String> throttled(long retryAfterSeconds) {
        ResponseEntity<String> body = error(
                HttpStatus.TOO_MANY_REQUESTS,
                2001,
                "ACCESS",
                "REQUEST",
                "Too many requests",
                "The request limit has been reached for the resource.");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body.getBody());
    }

    /** The Browse API's 400 for an offset that is not a multiple of the limit. */
    @Override
    public ResponseEntity<String> badRequest() {
        return error(
                HttpStatus.BAD_REQUEST,
                12002,
                "API_BROWSE",
                "REQUEST",
                "The 'offset' value must be 0 or a multiple of the 'limit' value, at most 10000.");
    }

    @Override
    public ResponseEntity<String> serverError(HttpStatus status) {
        return error(
                status,
                12000,
                "API_BROWSE",
                "APPLICATION",
                "There was a problem with an eBay internal system or process. Contact eBay developer support for "
                        + "assistance.");
    }

    private static ResponseEntity<String> error(
            HttpStatus status, int errorId, String domain, String category, String message) {
        return BrowseErrors.error(status, errorId, domain, category, message, null);
    }

    private static ResponseEntity<String> error(
            HttpStatus status,
            int errorId,
            String domain,
            String category,
            String message,
            @Nullable String longMessage) {
        return BrowseErrors.error(status, errorId, domain, category, message, longMessage);
    }

    private static ResponseEntity<String> json(HttpStatus status, ObjectNode body) {
        return BrowseErrors.json(status, body);
    }
}

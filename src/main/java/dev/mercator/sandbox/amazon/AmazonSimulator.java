package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.SimulatedProvider;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Amazon as the Selling Partner API client sees it: Login with Amazon's token endpoint ({@code /auth/o2/token}, form or
 * JSON body) and the Listings Items API 2021-08-01 ({@code getListingsItem}, {@code patchListingsItem}), with the
 * real paths under {@code /sandbox/amazon}. A PATCH answers ACCEPTED at once and becomes visible to getListingsItem
 * only after {@code mercator.sandbox.amazon.visibility-delay}. Feeds and Orders live in their own controllers; the
 * simulator's control endpoints in {@link AmazonSimControl}.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + AmazonSimulator.NAME, produces = MediaType.APPLICATION_JSON_VALUE)
class AmazonSimulator implements SimulatedProvider {

    static final String NAME = "amazon";
    private static final Set<String> INCLUDED_DATA = Set.of(
            "summaries",
            "attributes",
            "issues",
            "offers",
            "fulfillmentAvailability",
            "procurement",
            "relationships",
            "productTypes");

    private final SimSellers sellers;
    private final SpApiGate gate;

    AmazonSimulator(SimSellers sellers, SpApiGate gate) {
        this.sellers = sellers;
        this.gate = gate;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Amazon sends no {@code Retry-After}; clients back off on their own. */
    @Override
    public ResponseEntity<String> throttled(long retryAfterSeconds) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(SpApiResponses.REQUEST_ID, UUID.randomUUID().toString())
                .header(SpApiResponses.ERROR_TYPE, "QuotaExceeded")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"errors\":[{\"code\":\"QuotaExceeded\",\"message\":"
                        + "\"You exceeded your quota for the requested resource.\",\"details\":\"\"}]}");
    }

    /** SP-API's 400 {@code InvalidInput}. */
    @Override
    public ResponseEntity<String> badRequest() {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .header(SpApiResponses.REQUEST_ID, UUID.randomUUID().toString())
                .header(SpApiResponses.ERROR_TYPE, "InvalidInput")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"errors\":[{\"code\":\"InvalidInput\",\"message\":\"Invalid Input\",\"details\":\"\"}]}");
    }

    @Override
    public ResponseEntity<String> serverError(HttpStatus status) {
        boolean unavailable = status == HttpStatus.SERVICE_UNAVAILABLE;
        return ResponseEntity.status(status)
                .header(SpApiResponses.REQUEST_ID, UUID.randomUUID().toString())
                .header(SpApiResponses.ERROR_TYPE, unavailable ? "ServiceUnavailable" : "InternalFailure")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"errors\":[{\"code\":\"" + (unavailable ? "ServiceUnavailable" : "InternalFailure")
                        + "\",\"message\":\"We encountered an internal error. Please try again.\",\"details\":\"\"}]}");
    }

    // --- Login with Amazon -------------------------------------------------------------------------------------

    /**
     * The documented form body, read from the raw stream: Spring would rebuild a form POST's body from the servlet's
     * parameters, which are empty once request logging has buffered the stream.
     */
    @PostMapping(path = "/auth/o2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Object> tokenFromForm(HttpServletRequest request) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length > 0) {
                fields.put(name, values[0]);
            }
        });
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return token(fields);
    }

    /** The official Java SDK posts JSON with the same snake_case keys; LWA accepts both. */
    @PostMapping(path = "/auth/o2/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> tokenFromJson(@RequestBody Map<String, Object> body) {
        Map<String, String> fields = new LinkedHashMap<>();
        body.forEach((key, value) -> fields.put(key, String.valueOf(value)));
        return token(fields);
    }

    private ResponseEntity<Object> token(Map<String, String> request) {
        String grantType = request.get("grant_type");
        if (grantType == null || grantType.isBlank()) {
            return lwaError(
                    HttpStatus.BAD_REQUEST,
                    "invalid_request",
                    "The request is missing a required parameter : grant_type");
        }
        if (!grantType.equals("refresh_token")) {
            return lwaError(
                    HttpStatus.BAD_REQUEST,
                    "unsupported_grant_type",
                    "The simulator supports the refresh_token grant only");
        }
        for (String required : List.of("refresh_token", "client_id", "client_secret")) {
            String value = request.get(required);
            if (value == null || value.isBlank()) {
                return lwaError(
                        HttpStatus.BAD_REQUEST,
                        "invalid_request",
                        "The request is missing a required parameter : " + required);
            }
        }
        String clientId = request.getOrDefault("client_id", "");
        String secret = request.getOrDefault("client_secret", "");
        SimSeller seller = sellers.byRefreshToken(request.getOrDefault("refresh_token", ""))
                .orElse(null);
        if (!sellers.knownClient(clientId)
                || (seller != null && seller.clientId.equals(clientId) && !seller.clientSecret.equals(secret))) {
            if (seller != null) {
                seller.stats.lwaRefusals.increment();
            }
            return lwaError(HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication failed");
        }
        if (seller == null || !seller.clientId.equals(clientId) || seller.refreshTokenRevoked) {
            if (seller != null) {
                seller.stats.lwaRefusals.increment();
            }
            return lwaError(
                    HttpStatus.BAD_REQUEST,
                    "invalid_grant",
                    "The request has an invalid grant parameter : refresh_token. User may have revoked or didn't grant"
                            + " the permission.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", sellers.mint(seller));
        body.put("token_type", "bearer");
        body.put("expires_in", sellers.settings().ttl().toSeconds());
        body.put("refresh_token", seller.refreshToken);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/json;charset=UTF-8"))
                .body(body);
    }

    private static ResponseEntity<Object> lwaError(HttpStatus status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_description", description);
        body.put("error", error);
        return ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType("application/json;charset=UTF-8"))
                .body(body);
    }

    // --- Listings Items 2021-08-01 -------------------------------------------------------------------------------

    @GetMapping("/listings/2021-08-01/items/{sellerId}/{sku}")
    ResponseEntity<Object> getListingsItem(
            @RequestHeader(name = SpApiGate.TOKEN_HEADER, required = false) @Nullable String token,
            @PathVariable String sellerId,
            @PathVariable String sku,
            @RequestParam(required = false) @Nullable String marketplaceIds,
            @RequestParam(required = false) @Nullable String includedData) {
        SpApiGate.Admitted call = gate.admit(token, sellerId, SimLimits.GET_LISTINGS_ITEM);
        String marketplace = marketplace(call, marketplaceIds);
        Set<String> included = includedData == null || includedData.isBlank()
                ? Set.of("summaries")
                : Arrays.stream(includedData.split(",")).map(String::strip).collect(Collectors.toSet());
        if (!INCLUDED_DATA.containsAll(included)) {
            call.rejected();
            return SpApiResponses.error(
                    HttpStatus.BAD_REQUEST, "ValidationException", "BAD_REQUEST", "Invalid input", "includedData");
        }
        SimSeller seller = call.seller();
        sellers.advance(seller);
        synchronized (seller) {
            SimListing listing = seller.listings.get(sku);
            if (listing == null) {
                call.rejected();
                return SpApiResponses.notFound("SKU '" + sku + "' not found in marketplace " + marketplace);
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sku", sku);
            if (included.contains("summaries")) {
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("marketplaceId", marketplace);
                summary.put("asin", listing.asin);
                summary.put("productType", listing.productType);
                summary.put("conditionType", "new_new");
                summary.put("status", List.of("BUYABLE", "DISCOVERABLE"));
                summary.put("itemName", listing.itemName);
                summary.put("createdDate", iso(listing.createdAt));
                summary.put("lastUpdatedDate", iso(listing.lastUpdatedAt));
                item.put("summaries", List.of(summary));
            }
            if (included.contains("attributes")) {
                List<Map<String, Object>> values = new ArrayList<>();
                for (Map<String, Object> entry : listing.availability) {
                    Map<String, Object> value = new LinkedHashMap<>(entry);
                    value.put("marketplace_id", marketplace);
                    values.add(value);
                }
                item.put("attributes", Map.of(SimListing.ATTRIBUTE, values));
            }
            if (included.contains("issues")) {
                item.put("issues", List.of());
            }
            if (included.contains("fulfillmentAvailability")) {
                List<Map<String, Object>> availability = new ArrayList<>();
                for (Map<String, Object> entry : listing.availability) {
                    Map<String, Object> value = new LinkedHashMap<>();
                    value.put("fulfillmentChannelCode", entry.get(SimListing.CODE));
                    if (entry.get("quantity") instanceof Integer quantity) {
                        value.put("quantity", quantity);
                    }
                    availability.add(value);
                }
                item.put("fulfillmentAvailability", availability);
            }
            return SpApiResponses.ok(call.rate(), item);
        }
    }

    @PatchMapping(path = "/listings/2021-08-01/items/{sellerId}/{sku}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> patchListingsItem(
            @RequestHeader(name = SpApiGate.TOKEN_HEADER, required = false) @Nullable String token,
            @PathVariable String sellerId,
            @PathVariable String sku,
            @RequestParam(required = false) @Nullable String marketplaceIds,
            @RequestParam(required = false) @Nullable String mode,
            @RequestBody JsonNode body) {
        SpApiGate.Admitted call = gate.admit(token, sellerId, SimLimits.PATCH_LISTINGS_ITEM);
        marketplace(call, marketplaceIds);
        String productType = body.path("productType").asString("");
        if (productType.isBlank()) {
            call.rejected();
            return SpApiResponses.error(
                    HttpStatus.BAD_REQUEST, "ValidationException", "BAD_REQUEST", "Invalid input", "productType");
        }
        List<ListingPatches.Patch> patches;
        try {
            patches = ListingPatches.parse(body.path("patches"));
        } catch (ListingPatches.Malformed malformed) {
            call.rejected();
            throw malformed;
        }
        boolean preview = "VALIDATION_PREVIEW".equals(mode);
        SimSeller seller = call.seller();
        sellers.advance(seller);
        synchronized (seller) {
            // The model gives patchListingsItem no 404: a patch for a SKU the seller has no listing for is judged like
            // any other and ACCEPTED when well-formed. Amazon keeps such a fragment (an offer without an item), which
            // is no listing: getListingsItem still answers 404, so only a read-back shows the quantity went nowhere.
            SimListing listing = seller.listings.get(sku);
            List<Map<String, Object>> issues = ListingPatches.issues(patches, productType, listing);
            String status;
            if (!issues.isEmpty()) {
                call.rejected();
                status = "INVALID";
            } else if (preview) {
                status = "VALID";
            } else {
                if (listing != null) {
                    listing.accept(
                            patches, sellers.now().plus(sellers.settings().visibility()));
                }
                status = "ACCEPTED";
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("sku", sku);
            response.put("status", status);
            response.put("submissionId", UUID.randomUUID().toString().replace("-", ""));
            response.put("issues", issues);
            return SpApiResponses.ok(call.rate(), response);
        }
    }

    /** The one marketplace a listings call names; it must be one the seller sells in. */
    private static String marketplace(SpApiGate.Admitted call, @Nullable String marketplaceIds) {
        if (marketplaceIds == null || marketplaceIds.isBlank()) {
            call.rejected();
            throw new SpApiResponses.Refusal(SpApiResponses.error(
                    HttpStatus.BAD_REQUEST,
                    "ValidationException",
                    "BAD_REQUEST",
                    "Invalid input",
                    "marketplaceIds is required"));
        }
        String marketplace = marketplaceIds.split(",")[0].strip();
        if (!call.seller().marketplaceIds.contains(marketplace)) {
            call.rejected();
            throw new SpApiResponses.Refusal(
                    SpApiResponses.unauthorized("The marketplaces you provided are not valid for the seller."));
        }
        return marketplace;
    }

    static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}

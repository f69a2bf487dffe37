package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.SimulatedProvider;
import dev.mercator.sandbox.catalog.AccountLimits;
import dev.mercator.sandbox.catalog.CallStats;
import dev.mercator.sandbox.catalog.CatalogSandboxSettings;
import dev.mercator.sandbox.catalog.GeneratedCatalog;
import dev.mercator.sandbox.catalog.Json;
import dev.mercator.sandbox.catalog.Listing;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.sandbox.catalog.Shop;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Product Advertising API 5.0: {@code POST /paapi5/searchitems} and {@code /paapi5/getitems}, signed with AWS SigV4
 * (service {@code ProductAdvertisingAPI}) over the {@code content-encoding}, {@code content-type}, {@code host}, {@code
 * x-amz-date} and {@code x-amz-target} headers. The signature is recomputed with the access key's secret; errors are
 * {@code {"__type":"com.amazon.paapi5#<Exception>","Errors":[{"Code","Message"}]}}: {@code IncompleteSignature} (400),
 * {@code InvalidSignature} and {@code RequestExpired} (401), {@code InvalidPartnerTag} (400), {@code NoResults} (404),
 * {@code TooManyRequests} (429) at more than {@code amazon-tps} calls a second per access key.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + PaApiSimulator.NAME, produces = MediaType.APPLICATION_JSON_VALUE)
class PaApiSimulator implements SimulatedProvider {

    static final String NAME = "paapi";
    static final String TARGET = "com.amazon.paapi5.v1.ProductAdvertisingAPIv1.";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> REQUIRED_SIGNED =
            List.of("content-encoding", "host", "x-amz-date", "x-amz-target");

    private final GeneratedCatalog catalog;
    private final AccountLimits limits;
    private final Clock clock;
    private final CallStats stats = new CallStats();

    PaApiSimulator(GeneratedCatalog catalog, CatalogSandboxSettings settings, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
        this.limits = new AccountLimits(settings.amazonRate(), 1, clock);
    }

    @PostMapping("/paapi5/searchitems")
    ResponseEntity<String> searchItems(HttpServletRequest http, @RequestBody byte[] body) {
        Call call = authorize(http, body, "SearchItems");
        if (call.refusal() != null) {
            return call.refusal();
        }
        JsonNode request = call.request();
        String keywords = request.path("Keywords").asString("");
        int itemCount = request.path("ItemCount").asInt(10);
        int itemPage = request.path("ItemPage").asInt(1);
        if (keywords.isBlank()) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    "ValidationException",
                    "MissingParameter",
                    "The request must contain the parameter Keywords (or another search term).");
        }
        if (itemCount < 1 || itemCount > 10 || itemPage < 1 || itemPage > 10) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    "ValidationException",
                    "InvalidParameterValue",
                    "The value provided in the request for ItemCount or ItemPage is invalid.");
        }
        List<Listing> found = catalog.search(Shop.AMAZON, keywords);
        int from = (itemPage - 1) * itemCount;
        if (from >= found.size()) {
            return error(
                    HttpStatus.NOT_FOUND,
                    "ResourceNotFoundException",
                    "NoResults",
                    "No results found for your request.");
        }
        ObjectNode result = Json.object();
        result.put("totalResultCount", found.size());
        result.put(
                "searchURL",
                "https://" + call.marketplace() + "/s?k=" + keywords.replace(' ', '+') + "&tag=" + call.partnerTag()
                        + "&linkCode=osi");
        ArrayNode items = result.putArray("items");
        for (Listing listing : found.subList(from, Math.min(found.size(), from + itemCount))) {
            items.add(AmazonItems.item(listing, call.partnerTag(), call.marketplace()));
        }
        ObjectNode reply = Json.object();
        reply.set("SearchResult", AmazonItems.pascal(result));
        return CreatorsApiSimulator.json(HttpStatus.OK, reply);
    }

    @PostMapping("/paapi5/getitems")
    ResponseEntity<String> getItems(HttpServletRequest http, @RequestBody byte[] body) {
        Call call = authorize(http, body, "GetItems");
        if (call.refusal() != null) {
            return call.refusal();
        }
        JsonNode ids = call.request().path("ItemIds");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > 10) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    "ValidationException",
                    "InvalidParameterValue",
                    "The value provided in the request for ItemIds is invalid.");
        }
        ObjectNode result = Json.object();
        ArrayNode items = result.putArray("items");
        ArrayNode errors = Json.MAPPER.createArrayNode();
        for (JsonNode id : ids) {
            Optional<Listing> listing = catalog.listing(Shop.AMAZON, id.asString(""));
            if (listing.isPresent()) {
                items.add(AmazonItems.item(listing.get(), call.partnerTag(), call.marketplace()));
            } else {
                ObjectNode error = errors.addObject();
                error.put("__type", "com.amazon.paapi#ErrorData");
                error.put("Code", "InvalidParameterValue");
                error.put("Message", "The ItemId " + id.asString("") + " provided in the request is invalid.");
            }
        }
        ObjectNode reply = Json.object();
        reply.set("ItemsResult", AmazonItems.pascal(result));
        if (!errors.isEmpty()) {
            reply.set("Errors", errors);
        }
        return CreatorsApiSimulator.json(HttpStatus.OK, reply);
    }

    @GetMapping("/_sandbox/accounts/{account}/stats")
    Map<String, Long> stats(@PathVariable String account) {
        return stats.of(account);
    }

    private record Call(
            @Nullable ResponseEntity<String> refusal, JsonNode request, String partnerTag, String marketplace) {

        static Call refused(ResponseEntity<String> refusal) {
            return new Call(refusal, Json.object(), "", "");
        }
    }

    private Call authorize(HttpServletRequest http, byte[] body, String operation) {
        SigV4Check.Parsed auth = SigV4Check.parse(http.getHeader(HttpHeaders.AUTHORIZATION));
        String amzDate = http.getHeader("x-amz-date");
        if (auth == null || amzDate == null || !auth.signedHeaders().containsAll(REQUIRED_SIGNED)) {
            return Call.refused(error(
                    HttpStatus.BAD_REQUEST,
                    "IncompleteSignatureException",
                    "IncompleteSignature",
                    "The request signature did not include all of the required components. If you are using an AWS "
                            + "SDK, requests are signed for you automatically; otherwise, go to "
                            + "https://webservices.amazon.com/paapi5/documentation/sending-request.html#signing."));
        }
        String secret = SandboxAccounts.secretFor(NAME, auth.accessKey());
        String expected = SigV4Check.expected(
                auth, secret, http.getMethod(), http.getRequestURI(), http::getHeader, amzDate, body);
        if (!SigV4Check.sameSignature(expected, auth.signature())
                || !"ProductAdvertisingAPI".equals(auth.service())
                || !amzDate.startsWith(auth.date())) {
            return Call.refused(error(
                    HttpStatus.UNAUTHORIZED,
                    "InvalidSignatureException",
                    "InvalidSignature",
                    "The request signature we calculated does not match the signature you provided. Check your AWS "
                            + "Secret Access Key and signing method. Consult the service documentation for details."));
        }
        try {
            Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
            if (Duration.between(signedAt, clock.instant()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
                return Call.refused(error(
                        HttpStatus.UNAUTHORIZED,
                        "RequestExpiredException",
                        "RequestExpired",
                        "The request has expired. Please check the system time and retry."));
            }
        } catch (DateTimeParseException e) {
            return Call.refused(error(
                    HttpStatus.BAD_REQUEST,
                    "IncompleteSignatureException",
                    "IncompleteSignature",
                    "The X-Amz-Date header is malformed."));
        }
        if (!(TARGET + operation).equals(http.getHeader("x-amz-target"))
                || !"amz-1.0".equals(http.getHeader("content-encoding"))) {
            return Call.refused(error(
                    HttpStatus.BAD_REQUEST,
                    "ValidationException",
                    "UnknownOperation",
                    "The operation requested is invalid. Please verify that the operation name is typed correctly."));
        }
        String account = auth.accessKey();
        Duration wait = limits.take(account);
        if (!wait.isZero()) {
            stats.count(account, "throttled");
            return Call.refused(throttled(Math.max(1, wait.toSeconds())));
        }
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return Call.refused(error(
                    HttpStatus.BAD_REQUEST,
                    "ValidationException",
                    "InvalidInput",
                    "The request body is not valid JSON."));
        }
        String marketplace = request.path("Marketplace").asString("www.amazon.com");
        String region = regionOf(marketplace);
        if (!region.equals(auth.region())) {
            return Call.refused(error(
                    HttpStatus.UNAUTHORIZED,
                    "InvalidSignatureException",
                    "InvalidSignature",
                    "Credential should be scoped to a valid region, not '" + auth.region() + "'. " + marketplace
                            + " is served by " + region + "."));
        }
        String partnerTag = request.path("PartnerTag").asString("");
        if (!AmazonItems.PARTNER_TAG.matcher(partnerTag).matches()
                || !"Associates".equals(request.path("PartnerType").asString(""))) {
            return Call.refused(error(
                    HttpStatus.BAD_REQUEST,
                    "ValidationException",
                    "InvalidPartnerTag",
                    "The partner tag is not mapped to a valid associate store with your access key."));
        }
        stats.count(account, operation);
        return new Call(null, request, partnerTag, marketplace);
    }

    /** The SigV4 region PA-API signs a marketplace's requests for: NA, EU or FE. */
    static String regionOf(String marketplace) {
        if (marketplace.endsWith(".co.jp") || marketplace.endsWith(".sg") || marketplace.endsWith(".com.au")) {
            return "us-west-2";
        }
        if (marketplace.endsWith(".com")
                || marketplace.endsWith(".ca")
                || marketplace.endsWith(".com.mx")
                || marketplace.endsWith(".com.br")) {
            return "us-east-1";
        }
        return "eu-west-1";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ResponseEntity<String> throttled(long retryAfterSeconds) {
        return error(
                HttpStatus.TOO_MANY_REQUESTS,
                "TooManyRequestsException",
                "TooManyRequests",
                "The request was denied due to request throttling. Please verify the number of requests made per "
                        + "second to the Amazon Product Advertising API.");
    }

    /** PA-API's {@code ValidationException}, as for an item count out of range. */
    @Override
    public ResponseEntity<String> badRequest() {
        return error(
                HttpStatus.BAD_REQUEST,
                "ValidationException",
                "InvalidParameterValue",
                "The value provided in the request for ItemCount or ItemPage is invalid.");
    }

    @Override
    public ResponseEntity<String> serverError(HttpStatus status) {
        return error(
                status,
                "InternalFailure",
                "InternalFailure",
                "The request processing has failed because of an unknown error, exception or failure.");
    }

    static ResponseEntity<String> error(HttpStatus status, String type, String code, String message) {
        ObjectNode body = Json.object();
        body.put("__type", "com.amazon.paapi5#" + type);
        ObjectNode error = body.putArray("Errors").addObject();
        error.put("Code", code);
        error.put("Message", message);
        return CreatorsApiSimulator.json(status, body);
    }
}

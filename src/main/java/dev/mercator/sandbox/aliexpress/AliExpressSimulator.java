package dev.mercator.sandbox.aliexpress;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.SimulatedProvider;
import dev.mercator.sandbox.catalog.AccountLimits;
import dev.mercator.sandbox.catalog.CallStats;
import dev.mercator.sandbox.catalog.FormBody;
import dev.mercator.sandbox.catalog.GeneratedCatalog;
import dev.mercator.sandbox.catalog.Json;
import dev.mercator.sandbox.catalog.Listing;
import dev.mercator.sandbox.catalog.SandboxAccounts;
import dev.mercator.sandbox.catalog.Shop;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AliExpress open platform's {@code /sync} gateway for the affiliate methods {@code
 * aliexpress.affiliate.product.query}, {@code .productdetail.get} and {@code .link.generate}. The {@code sign} is
 * recomputed for both {@code sha256} and {@code md5} over every parameter of the query string and the form body
 * together, so a client that signs only one of the two is refused. Either place is accepted for any parameter: the IOP
 * Java SDK sends the system parameters in the query string and the business ones in the body, while the IOP Python SDK
 * posts them all in the body, and the gateway serves both (docs/providers/aliexpress.md). Like the real gateway it
 * answers errors with HTTP 200: {@code {"error_response":{"type","code","msg","request_id"}}} for gateway errors
 * ({@code MissingParameter}, {@code IncompleteSignature}, {@code InvalidSignature}, {@code InvalidTimestamp}, {@code
 * ApiCallLimit} with "this ban will last N seconds"), and {@code resp_code} 405 inside {@code resp_result} for an empty
 * result. Each app key may make two calls a second.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + AliExpressSimulator.NAME, produces = MediaType.APPLICATION_JSON_VALUE)
class AliExpressSimulator implements SimulatedProvider {

    static final String NAME = "aliexpress";
    private static final Duration TIMESTAMP_WINDOW = Duration.ofHours(2);

    private final GeneratedCatalog catalog;
    private final Clock clock;
    private final AccountLimits limits;
    private final CallStats stats = new CallStats();
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, Placement> lastCalls = new ConcurrentHashMap<>();

    AliExpressSimulator(GeneratedCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
        this.limits = new AccountLimits(2, 2, clock);
    }

    @RequestMapping(
            path = "/sync",
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> sync(
            HttpServletRequest request,
            @RequestParam MultiValueMap<String, String> query,
            @RequestBody(required = false) @Nullable String body) {
        // With a query string, the body Spring hands over is not the one sent: request logging (Logbook's parameter
        // form mode) rebuilds it from the servlet's parameters, query ones included, cut at the sent Content-Length.
        // Those parameters (query and form together) are then the whole call; without a query string the body is read
        // as well, for a servlet that had not parsed it.
        MultiValueMap<String, String> all =
                request.getQueryString() == null ? FormBody.parse(query, body) : new LinkedMultiValueMap<>(query);
        remember(request.getQueryString(), all);
        Map<String, String> params = new TreeMap<>();
        all.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        for (String required : List.of("app_key", "method", "sign_method", "timestamp")) {
            if (params.get(required) == null || params.get(required).isBlank()) {
                return gatewayError(
                        "ISV",
                        "MissingParameter",
                        "The input parameter \u201c" + required
                                + "\u201d that is mandatory for processing this request is not supplied.");
            }
        }
        String sign = params.get("sign");
        if (sign == null || sign.isBlank()) {
            return gatewayError(
                    "ISV", "IncompleteSignature", "The request signature does not conform to platform standards");
        }
        String appKey = params.getOrDefault("app_key", "");
        String secret = SandboxAccounts.secretFor(NAME, appKey);
        Optional<String> expected = GatewaySignature.expected(params, secret);
        if (expected.isEmpty()) {
            return gatewayError("ISV", "InvalidSignature", "Invalid sign_method: only sha256 and md5 are supported");
        }
        if (!GatewaySignature.matches(expected.get(), sign)) {
            return gatewayError(
                    "ISV", "IncompleteSignature", "The request signature does not conform to platform standards");
        }
        try {
            long at = Long.parseLong(params.getOrDefault("timestamp", ""));
            if (Math.abs(clock.millis() - at) > TIMESTAMP_WINDOW.toMillis()) {
                return gatewayError(
                        "ISV", "InvalidTimestamp", "The request timestamp is outside the allowed 7200 s window");
            }
        } catch (NumberFormatException e) {
            return gatewayError("ISV", "InvalidTimestamp", "The timestamp must be epoch milliseconds");
        }
        Duration wait = limits.take(appKey);
        if (!wait.isZero()) {
            stats.count(appKey, "throttled");
            return throttledBody(Math.max(1, (wait.toMillis() + 999) / 1000));
        }
        String api = params.getOrDefault("method", "");
        stats.count(appKey, api);
        return switch (api) {
            case "aliexpress.affiliate.product.query" -> productQuery(params);
            case "aliexpress.affiliate.productdetail.get" -> productDetail(params);
            case "aliexpress.affiliate.link.generate" -> linkGenerate(params);
            default -> gatewayError("ISV", "InvalidApiPath", "The specified API Path is invalid");
        };
    }

    @GetMapping("/_sandbox/accounts/{account}/stats")
    Map<String, Long> stats(@PathVariable String account) {
        return stats.of(account);
    }

    /** Where the app's last call put each parameter, so a test can see a client lay out its call as the SDK does. */
    @GetMapping("/_sandbox/accounts/{account}/last-call")
    ResponseEntity<Placement> lastCall(@PathVariable String account) {
        Placement placement = lastCalls.get(account);
        return placement == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(placement);
    }

    /** The names of the parameters a call sent in its query string and in its form body. */
    record Placement(Set<String> query, Set<String> body) {}

    /**
     * The query string is read as sent; the body's names are the rest, since the servlet may already have parsed the
     * form into the request parameters by the time the body is asked for.
     */
    private void remember(@Nullable String queryString, MultiValueMap<String, String> all) {
        String appKey = all.getFirst("app_key");
        if (appKey != null && !appKey.isBlank()) {
            Set<String> inQuery = new TreeSet<>(
                    FormBody.parse(new LinkedMultiValueMap<>(), queryString).keySet());
            Set<String> inBody = new TreeSet<>(all.keySet());
            inBody.removeAll(inQuery);
            lastCalls.put(appKey, new Placement(inQuery, inBody));
        }
    }

    private ResponseEntity<String> productQuery(Map<String, String> params) {
        String keywords = params.getOrDefault("keywords", "");
        int pageNo = parse(params.get("page_no"), 1);
        int pageSize = parse(params.get("page_size"), 20);
        if (pageNo < 1 || pageSize < 1 || pageSize > 50) {
            return gatewayError("ISV", "InvalidParameter", "page_no must be >= 1 and page_size 1..50");
        }
        Long min;
        Long max;
        try {
            min = cents(params.get("min_sale_price"));
            max = cents(params.get("max_sale_price"));
        } catch (NumberFormatException e) {
            return gatewayError("ISV", "InvalidParameter", "min_sale_price and max_sale_price must be whole cents");
        }
        String currency = params.getOrDefault("target_currency", "USD");
        List<Listing> found = catalog.search(Shop.ALIEXPRESS, keywords).stream()
                .filter(listing -> within(targetPrice(listing, currency), min, max))
                .toList();
        int from = (pageNo - 1) * pageSize;
        if (from >= found.size()) {
            return business("aliexpress.affiliate.product.query", 405, "The result is empty", null);
        }
        ObjectNode result = Json.object();
        List<Listing> page = found.subList(from, Math.min(found.size(), from + pageSize));
        result.put("current_page_no", pageNo);
        result.put("current_record_count", page.size());
        result.put("total_record_count", found.size());
        ArrayNode products = result.putObject("products").putArray("product");
        page.forEach(listing -> products.add(product(listing, params)));
        return business("aliexpress.affiliate.product.query", 200, "Call succeeds", result);
    }

    private ResponseEntity<String> productDetail(Map<String, String> params) {
        String ids = params.getOrDefault("product_ids", "");
        if (ids.isBlank()) {
            return gatewayError("ISV", "MissingParameter", "product_ids is mandatory");
        }
        ObjectNode result = Json.object();
        ArrayNode products = result.putObject("products").putArray("product");
        for (String id : ids.split(",")) {
            catalog.listing(Shop.ALIEXPRESS, id.strip()).ifPresent(listing -> products.add(product(listing, params)));
        }
        if (products.isEmpty()) {
            return business("aliexpress.affiliate.productdetail.get", 405, "The result is empty", null);
        }
        result.put("current_record_count", products.size());
        return business("aliexpress.affiliate.productdetail.get", 200, "Call succeeds", result);
    }

    private ResponseEntity<String> linkGenerate(Map<String, String> params) {
        String trackingId = params.get("tracking_id");
        String sources = params.getOrDefault("source_values", "");
        if (trackingId == null || trackingId.isBlank() || sources.isBlank()) {
            return gatewayError("ISV", "MissingParameter", "tracking_id and source_values are mandatory");
        }
        ObjectNode result = Json.object();
        result.put("promotion_link_type", parse(params.get("promotion_link_type"), 0));
        ArrayNode links = result.putObject("promotion_links").putArray("promotion_link");
        List<String> values = List.of(sources.split(","));
        // The real API may answer in another order than asked; so does this one, to keep clients honest.
        for (int i = values.size() - 1; i >= 0; i--) {
            String source = values.get(i).strip();
            ObjectNode link = links.addObject();
            link.put("promotion_link", promotionLink(source, trackingId));
            link.put("source_value", source);
        }
        result.put("total_result_count", links.size());
        return business("aliexpress.affiliate.link.generate", 200, "Call succeeds", result);
    }

    private ObjectNode product(Listing listing, Map<String, String> params) {
        String currency = params.getOrDefault("target_currency", "USD");
        ObjectNode product = Json.object();
        product.put("product_id", Long.parseLong(listing.id()));
        product.put("product_title", listing.title());
        String detailUrl = "https://www.aliexpress.com/item/" + listing.id() + ".html";
        product.put("product_detail_url", detailUrl);
        String trackingId = params.get("tracking_id");
        if (trackingId != null && !trackingId.isBlank()) {
            product.put("promotion_link", promotionLink(detailUrl, trackingId));
        }
        product.put("product_main_image_url", listing.imageUrl());
        product.putObject("product_small_image_urls").putArray("string").add(listing.imageUrl());
        BigDecimal price = listing.price();
        BigDecimal target = targetPrice(listing, currency);
        if (price != null && target != null) {
            product.put("target_sale_price", target.toPlainString());
            product.put("target_sale_price_currency", shownCurrency(listing, currency));
            product.put("sale_price", price.toPlainString());
            product.put("sale_price_currency", listing.currency());
        }
        product.put("evaluate_rate", "96.8%");
        product.put("lastest_volume", 10 + listing.product().index() % 2000);
        product.put("commission_rate", "7.0%");
        product.put("first_level_category_name", listing.product().kind());
        product.put("shop_id", 1101000000L + listing.product().index());
        return product;
    }

    /** The price in the target currency (a dollar listing converted, one in another currency shown as it is). */
    private static @Nullable BigDecimal targetPrice(Listing listing, String targetCurrency) {
        BigDecimal price = listing.price();
        if (price == null) {
            return null;
        }
        BigDecimal converted =
                "EUR".equals(shownCurrency(listing, targetCurrency)) ? price.multiply(new BigDecimal("0.92")) : price;
        return converted.setScale(2, RoundingMode.HALF_UP);
    }

    private static String shownCurrency(Listing listing, String targetCurrency) {
        return listing.currency().equals("USD") ? targetCurrency : listing.currency();
    }

    /**
     * The price bounds as whole cents of the target currency, as Mercator's client sends them; a product without a
     * price never passes a bound.
     */
    private static boolean within(@Nullable BigDecimal price, @Nullable Long min, @Nullable Long max) {
        if (min == null && max == null) {
            return true;
        }
        if (price == null) {
            return false;
        }
        long cents = price.movePointRight(2).longValueExact();
        return (min == null || cents >= min) && (max == null || cents <= max);
    }

    private static @Nullable Long cents(@Nullable String value) {
        return value == null || value.isBlank() ? null : Long.parseLong(value.strip());
    }

    /** A short link standing for the product and the publisher's tracking id, which it carries verbatim. */
    static String promotionLink(String source, String trackingId) {
        String code = GatewaySignature.md5(source + "|" + trackingId).substring(0, 10);
        return "https://s.click.aliexpress.com/e/_D" + code + "?aff_fcid=" + code + "&tracking_id="
                + UriUtils.encodeQueryParam(trackingId, StandardCharsets.UTF_8);
    }

    private ResponseEntity<String> business(String method, int code, String message, @Nullable ObjectNode result) {
        ObjectNode body = Json.object();
        ObjectNode response = body.putObject(method.replace('.', '_') + "_response");
        ObjectNode resp = response.putObject("resp_result");
        resp.put("resp_code", code);
        resp.put("resp_msg", message);
        if (result != null) {
            resp.set("result", result);
        }
        response.put("request_id", requestId());
        return ok(body);
    }

    private ResponseEntity<String> gatewayError(String type, String code, String message) {
        ObjectNode body = Json.object();
        ObjectNode error = body.putObject("error_response");
        error.put("type", type);
        error.put("code", code);
        error.put("msg", message);
        error.put("request_id", requestId());
        return ok(body);
    }

    private ResponseEntity<String> throttledBody(long seconds) {
        return gatewayError(
                "ISV",
                "ApiCallLimit",
                "Api access frequency exceeds the limit. this ban will last " + seconds + " seconds");
    }

    private String requestId() {
        return "2101e9d2" + Long.toString(clock.millis()) + String.format("%05d", requests.incrementAndGet() % 100000);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ResponseEntity<String> throttled(long retryAfterSeconds) {
        // The gateway reports throttling inside an HTTP 200 body, not as a 429.
        return throttledBody(Math.max(1, retryAfterSeconds));
    }

    /** The gateway refuses a parameter in an HTTP 200 body, as for a page size out of range. */
    @Override
    public ResponseEntity<String> badRequest() {
        return gatewayError("ISV", "InvalidParameter", "page_no must be >= 1 and page_size 1..50");
    }

    @Override
    public ResponseEntity<String> serverError(HttpStatus status) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"error_response\":{\"type\":\"SYSTEM\",\"code\":\"ServiceUnavailable\","
                        + "\"msg\":\"The service is temporarily unavailable\"}}");
    }

    private static ResponseEntity<String> ok(ObjectNode body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(body));
    }

    private static int parse(@Nullable String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}

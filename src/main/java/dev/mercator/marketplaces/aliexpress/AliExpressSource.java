package dev.mercator.marketplaces.aliexpress;

import static dev.mercator.marketplaces.source.VendorCalls.text;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.RawProduct;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceFailure.Kind;
import dev.mercator.marketplaces.SourcePage;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.marketplaces.source.ProductSource;
import dev.mercator.marketplaces.source.Settings;
import dev.mercator.marketplaces.source.VendorCalls;
import dev.mercator.marketplaces.source.VendorCalls.Reply;
import dev.mercator.platform.http.OutboundHttp;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * AliExpress through the affiliate API on the {@code /sync} gateway: system parameters in the query string, business
 * parameters as form fields, all of them signed with the configured method (docs/providers/aliexpress.md). The gateway
 * reports its errors in HTTP 200 bodies, so each reply is read for an {@code error_response} ({@code ApiCallLimit}: rate-limited for the ban it announces; signature, app key and
 * parameter errors: permanent; {@code ISP}/{@code SYSTEM}: transient) and for a {@code resp_code} other than 200 (405 is
 * an empty result).
 */
@Component
class AliExpressSource implements ProductSource {

    static final String QUERY = "aliexpress.affiliate.product.query";
    static final String DETAIL = "aliexpress.affiliate.productdetail.get";
    static final String LINK = "aliexpress.affiliate.link.generate";
    private static final Pattern BAN = Pattern.compile("(?i)ban will last(?: for)? (\\d+)");
    private static final Set<String> THROTTLED = Set.of("ApiCallLimit", "AppCallLimit", "7");
    private static final int MAX_PAGE_SIZE = 50;
    private static final int MAX_IDS = 20;

    private final RestClient rest;
    private final AliExpressSettings settings;
    private final Clock clock;

    @Autowired
    AliExpressSource(OutboundHttp outbound, AliExpressSettings settings) {
        this(outbound, settings, Clock.systemUTC());
    }

    AliExpressSource(OutboundHttp outbound, AliExpressSettings settings, Clock clock) {
        this.rest = outbound.client(settings);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Marketplace marketplace() {
        return Marketplace.ALIEXPRESS;
    }

    @Override
    public SourcePage search(SourceQuery query, SourceAccount account) throws SourceFailure {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("keywords", query.keywords());
        params.put("page_no", Integer.toString(Math.max(1, query.page())));
        int size = Math.clamp(query.pageSize(), 1, MAX_PAGE_SIZE);
        params.put("page_size", Integer.toString(size));
        BigDecimal min = query.minPrice();
        BigDecimal max = query.maxPrice();
        if (min != null) {
            params.put("min_sale_price", Long.toString(min.movePointRight(2).longValue()));
        }
        if (max != null) {
            params.put("max_sale_price", Long.toString(max.movePointRight(2).longValue()));
        }
        String currency = query.currency();
        params.put("target_currency", currency != null ? currency : currency());
        Optional<JsonNode> result = call(QUERY, params, account);
        if (result.isEmpty()) {
            return new SourcePage(List.of(), 0, false);
        }
        List<RawProduct> products = products(result.get());
        long total = result.get().path("total_record_count").asLong(products.size());
        return new SourcePage(products, total, (long) query.page() * size < total);
    }

    @Override
    public List<RawProduct> lookup(List<String> ids, SourceAccount account) throws SourceFailure {
        List<RawProduct> products = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_IDS) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("product_ids", String.join(",", ids.subList(from, Math.min(ids.size(), from + MAX_IDS))));
            params.put("target_currency", currency());
            call(DETAIL, params, account).ifPresent(result -> products.addAll(products(result)));
        }
        return products;
    }

    /**
     * One link.generate call for all the products' pages (comma-separated source values); links are matched back on
     * the echoed source value, since the answer need not keep the order asked.
     */
    @Override
    public Map<String, String> affiliateLinks(List<RawProduct> products, SourceAccount account) throws SourceFailure {
        if (products.size() > MAX_LINKS_PER_CALL) {
            throw new IllegalArgumentException("at most " + MAX_LINKS_PER_CALL + " products per link.generate call");
        }
        Map<String, String> idBySource = new LinkedHashMap<>();
        for (RawProduct product : products) {
            String source = product.productUrl();
            if (source != null && !source.contains(",")) {
                idBySource.put(source, product.marketplaceId());
            }
        }
        if (idBySource.isEmpty()) {
            return Map.of();
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("promotion_link_type", "0");
        params.put("source_values", String.join(",", idBySource.keySet()));
        Optional<JsonNode> result = call(LINK, params, account);
        if (result.isEmpty()) {
            return Map.of();
        }
        Map<String, String> links = new LinkedHashMap<>();
        for (JsonNode link : list(result.get().path("promotion_links"), "promotion_link")) {
            String id = idBySource.get(text(link.path("source_value")));
            String url = text(link.path("promotion_link"));
            if (id != null && url != null) {
                links.put(id, url);
            }
        }
        return links;
    }

    /** The {@code result} of a successful call, or empty for an empty result (resp_code 405). */
    private Optional<JsonNode> call(String method, Map<String, String> business, SourceAccount account)
            throws SourceFailure {
        String appKey = Settings.field(account, "appKey", settings.appKey(), AliExpressSettings.SANDBOX_APP_KEY);
        String appSecret =
                Settings.field(account, "appSecret", settings.appSecret(), AliExpressSettings.SANDBOX_APP_SECRET);
        AliExpressSigner.SignMethod signing = settings.signing();
        // As the IOP Java SDK's TOP executor sends a /sync call: the system parameters in the query string, the
        // business ones (the affiliate API's tracking_id and target_language among them) in the form body, and the
        // signature over both. No simplify (it would flatten the *_response wrapper read below), no session (the
        // affiliate methods need no user token), no partner_id (it names an SDK build, which this is not).
        Map<String, String> system = new LinkedHashMap<>();
        system.put("app_key", appKey);
        system.put("method", method);
        system.put("sign_method", signing.wire());
        system.put("timestamp", Long.toString(clock.millis()));
        system.put("v", "2.0");
        system.put("format", "json");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("tracking_id", Settings.tag(account, settings.trackingId(), AliExpressSettings.SANDBOX_TRACKING_ID));
        body.put(
                "target_language",
                settings.targetLanguage() != null ? String.valueOf(settings.targetLanguage()) : "EN");
        body.putAll(business);
        Map<String, String> signed = new LinkedHashMap<>(system);
        signed.putAll(body);
        system.put("sign", AliExpressSigner.sign(signed, appSecret, signing));
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        body.forEach(form::add);
        Reply reply = VendorCalls.exchange(
                Marketplace.ALIEXPRESS,
                rest.post()
                        .uri(uri -> {
                            // Template variables, so each value is encoded whole, as a query value.
                            system.keySet().forEach(name -> uri.queryParam(name, "{" + name + "}"));
                            return uri.path("/sync").build(system);
                        })
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .accept(MediaType.APPLICATION_JSON)
                        .body(form));
        JsonNode json = reply.json();
        JsonNode error = json.path("error_response");
        if (!error.isMissingNode()) {
            throw gatewayError(error);
        }
        if (!reply.ok()) {
            throw VendorCalls.byStatus(Marketplace.ALIEXPRESS, reply, "gateway");
        }
        JsonNode resp = json.path(method.replace('.', '_') + "_response").path("resp_result");
        if (resp.isMissingNode()) {
            throw new SourceFailure(
                    Marketplace.ALIEXPRESS, Kind.TRANSIENT, "reply without resp_result", (Duration) null);
        }
        int code = resp.path("resp_code").asInt(-1);
        if (code == 200) {
            return Optional.of(resp.path("result"));
        }
        if (code == 405) {
            return Optional.empty();
        }
        String message = String.valueOf(text(resp.path("resp_msg")));
        // 401 "This publisher is not registered": the account or tracking id is wrong, retrying cannot help.
        Kind kind = code == 401 || code == 402 || code == 403 ? Kind.PERMANENT : Kind.TRANSIENT;
        throw new SourceFailure(Marketplace.ALIEXPRESS, kind, "resp_code " + code + ": " + message, (Duration) null);
    }

    private static SourceFailure gatewayError(JsonNode error) {
        String code = String.valueOf(text(error.path("code")));
        String message = text(error.path("msg"));
        if (message == null) {
            message = text(error.path("message"));
        }
        String subMessage = text(error.path("sub_msg"));
        String said = (message == null ? "" : message) + (subMessage == null ? "" : " " + subMessage);
        if (THROTTLED.contains(code)) {
            Matcher ban = BAN.matcher(said);
            Duration wait = ban.find() ? Duration.ofSeconds(Long.parseLong(ban.group(1))) : Duration.ofSeconds(1);
            return new SourceFailure(Marketplace.ALIEXPRESS, Kind.RATE_LIMITED, code + ": " + said, wait);
        }
        String type = text(error.path("type"));
        Kind kind = "ISP".equals(type) || "SYSTEM".equals(type) ? Kind.TRANSIENT : Kind.PERMANENT;
        return new SourceFailure(Marketplace.ALIEXPRESS, kind, code + ": " + said, (Duration) null);
    }

    private List<RawProduct> products(JsonNode result) {
        List<RawProduct> products = new ArrayList<>();
        for (JsonNode product : list(result.path("products"), "product")) {
            products.add(toRaw(product));
        }
        return products;
    }

    private RawProduct toRaw(JsonNode product) {
        String price = text(product.path("target_sale_price"));
        String currency = text(product.path("target_sale_price_currency"));
        if (price == null) {
            price = text(product.path("sale_price"));
            currency = text(product.path("sale_price_currency"));
        }
        return new RawProduct(
                Marketplace.ALIEXPRESS,
                String.valueOf(text(product.path("product_id"))),
                text(product.path("product_title")),
                null,
                null,
                null,
                price,
                currency,
                List.of(),
                text(product.path("product_main_image_url")),
                text(product.path("product_detail_url")),
                text(product.path("promotion_link")),
                null,
                clock.instant());
    }

    /** A list container as {@code {"product":[…]}}, a bare array, or a single object standing for a list of one. */
    static List<JsonNode> list(JsonNode container, String element) {
        JsonNode inner = container.has(element) ? container.path(element) : container;
        List<JsonNode> items = new ArrayList<>();
        if (inner.isArray()) {
            inner.forEach(items::add);
        } else if (inner.isObject()) {
            items.add(inner);
        }
        return items;
    }

    private String currency() {
        @Nullable String configured = settings.targetCurrency();
        return configured != null ? configured : "USD";
    }
}

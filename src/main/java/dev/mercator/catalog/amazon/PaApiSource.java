package dev.mercator.catalog.amazon;

import static dev.mercator.catalog.support.VendorCalls.text;

import dev.mercator.catalog.Marketplace;
import dev.mercator.catalog.ProductSource;
import dev.mercator.catalog.RawProduct;
import dev.mercator.catalog.SourceAccount;
import dev.mercator.catalog.SourceFailure;
import dev.mercator.catalog.SourcePage;
import dev.mercator.catalog.SourceQuery;
import dev.mercator.catalog.support.Settings;
import dev.mercator.catalog.support.VendorCalls;
import dev.mercator.catalog.support.VendorCalls.Reply;
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderEndpoints;
import dev.mercator.platform.http.ProviderMode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Amazon through PA-API 5.0: {@code SearchItems} and {@code GetItems} signed with AWS SigV4 (service {@code
 * ProductAdvertisingAPI}) over {@code content-encoding: amz-1.0}, {@code content-type}, {@code host}, {@code x-amz-date}
 * and {@code x-amz-target}. The body is serialised once; those exact bytes are hashed, signed and sent.
 */
@Component
@ConditionalOnProperty(name = AmazonApiSettings.PROPERTY, havingValue = "paapi")
class PaApiSource implements ProductSource {

    static final String SERVICE = "ProductAdvertisingAPI";
    static final String TARGET = "com.amazon.paapi5.v1.ProductAdvertisingAPIv1.";
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final int MAX_ITEMS = 10;

    private final RestClient rest;
    private final ProviderEndpoints endpoints;
    private final PaApiSettings settings;
    private final ProviderMode mode;
    private final Clock clock;

    @Autowired
    PaApiSource(OutboundHttp outbound, ProviderEndpoints endpoints, PaApiSettings settings) {
        this(outbound, endpoints, settings, Clock.systemUTC());
    }

    PaApiSource(OutboundHttp outbound, ProviderEndpoints endpoints, PaApiSettings settings, Clock clock) {
        this.rest = outbound.client(settings);
        this.endpoints = endpoints;
        this.mode = endpoints.mode(settings);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Marketplace marketplace() {
        return Marketplace.AMAZON;
    }

    @Override
    public SourcePage search(SourceQuery query, SourceAccount account) throws SourceFailure {
        Keys keys = keys(account);
        ObjectNode body = VendorCalls.JSON.createObjectNode();
        body.put("Keywords", query.keywords());
        body.put("SearchIndex", "All");
        int count = Math.clamp(query.pageSize(), 1, MAX_ITEMS);
        body.put("ItemCount", count);
        body.put("ItemPage", Math.max(1, query.page()));
        common(body, keys);
        BigDecimal min = query.minPrice();
        BigDecimal max = query.maxPrice();
        if (min != null) {
            body.put("MinPrice", min.movePointRight(2).longValue());
        }
        if (max != null) {
            body.put("MaxPrice", max.movePointRight(2).longValue());
        }
        Reply reply = call("searchitems", "SearchItems", body, keys);
        if (reply.status() == 404
                && "NoResults".equals(text(reply.json().path("Errors").path(0).path("Code")))) {
            return new SourcePage(List.of(), 0, false);
        }
        if (!reply.ok()) {
            throw failure(reply);
        }
        JsonNode result = AmazonItems.camel(reply.json().path("SearchResult"));
        List<RawProduct> products = new ArrayList<>();
        result.path("items")
                .forEach(item -> products.add(AmazonItems.toRaw(item, keys.marketplace(), clock.instant())));
        long total = result.path("totalResultCount").asLong(products.size());
        return new SourcePage(products, total, (long) query.page() * count < total && query.page() < 10);
    }

    @Override
    public List<RawProduct> lookup(List<String> ids, SourceAccount account) throws SourceFailure {
        Keys keys = keys(account);
        List<RawProduct> products = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_ITEMS) {
            ObjectNode body = VendorCalls.JSON.createObjectNode();
            ids.subList(from, Math.min(ids.size(), from + MAX_ITEMS)).forEach(body.putArray("ItemIds")::add);
            body.put("ItemIdType", "ASIN");
            common(body, keys);
            Reply reply = call("getitems", "GetItems", body, keys);
            if (!reply.ok()) {
                throw failure(reply);
            }
            AmazonItems.camel(reply.json().path("ItemsResult"))
                    .path("items")
                    .forEach(item -> products.add(AmazonItems.toRaw(item, keys.marketplace(), clock.instant())));
        }
        return products;
    }

    @Override
    public Optional<String> affiliateLink(RawProduct product, SourceAccount account) {
        return Optional.empty();
    }

    private record Keys(String accessKey, String secretKey, String marketplace, String partnerTag) {}

    private Keys keys(SourceAccount account) {
        return new Keys(
                Settings.field(account, "accessKey", settings.accessKey(), PaApiSettings.SANDBOX_ACCESS_KEY),
                Settings.field(account, "secretKey", settings.secretKey(), PaApiSettings.SANDBOX_SECRET_KEY),
                Settings.field(account, "marketplace", settings.marketplace(), "www.amazon.com"),
                Settings.tag(account, settings.partnerTag(), PaApiSettings.SANDBOX_TAG));
    }

    private static void common(ObjectNode body, Keys keys) {
        body.put("PartnerTag", keys.partnerTag());
        body.put("PartnerType", "Associates");
        body.put("Marketplace", keys.marketplace());
        var resources = body.putArray("Resources");
        for (String resource : AmazonItems.RESOURCES) {
            resources.add(pascal(resource));
        }
    }

    private Reply call(String path, String operation, ObjectNode body, Keys keys) throws SourceFailure {
        byte[] bytes = VendorCalls.JSON.writeValueAsBytes(body);
        Optional<PaApiLocales.Locale> locale = PaApiLocales.of(keys.marketplace());
        URI target = URI.create(base(keys, locale) + "/paapi5/" + path);
        // The host header exactly as the HTTP client will send it: with the port only when it is not the default.
        String host = target.getPort() < 0 ? target.getHost() : target.getHost() + ":" + target.getPort();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", host);
        headers.put("content-type", CONTENT_TYPE);
        headers.put("content-encoding", "amz-1.0");
        headers.put("x-amz-target", TARGET + operation);
        String configuredRegion = settings.region();
        String region = configuredRegion != null && keys.marketplace().equals(settings.marketplaceOrDefault())
                ? configuredRegion
                : locale.map(PaApiLocales.Locale::region).orElse("us-east-1");
        SigV4Signer signer = new SigV4Signer(keys.accessKey(), keys.secretKey(), region, SERVICE);
        SigV4Signer.Signed signed =
                signer.sign(new SigV4Signer.Request("POST", target.getRawPath(), "", headers, bytes), clock.instant());
        RestClient.RequestBodySpec request = rest.post().uri(target);
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });
        signed.headers().forEach(request::header);
        request.header("Accept", "application/json");
        return VendorCalls.exchange(Marketplace.AMAZON, request.body(bytes));
    }

    /**
     * Where a marketplace's calls go: the simulator in sandbox mode; in live mode the configured host for the instance's
     * own marketplace, and the regional PA-API host for any other (a merchant selling on www.amazon.de, say).
     */
    private String base(Keys keys, Optional<PaApiLocales.Locale> locale) {
        String configured = String.valueOf(endpoints.baseUrl(settings));
        if (mode == ProviderMode.SANDBOX || keys.marketplace().equals(settings.marketplaceOrDefault())) {
            return configured;
        }
        return locale.map(found -> "https://" + found.host()).orElse(configured);
    }

    private static SourceFailure failure(Reply reply) {
        JsonNode json = reply.json();
        String code = text(json.path("Errors").path(0).path("Code"));
        String type = text(json.path("__type"));
        return VendorCalls.byStatus(
                Marketplace.AMAZON, reply, (code == null ? "error" : code) + (type == null ? "" : " (" + type + ")"));
    }

    /** {@code itemInfo.title} → {@code ItemInfo.Title}. */
    private static String pascal(String resource) {
        StringBuilder out = new StringBuilder();
        for (String part : resource.split("\\.")) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
        }
        return out.toString();
    }
}

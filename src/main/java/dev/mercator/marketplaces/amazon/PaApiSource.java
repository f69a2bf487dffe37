package dev.mercator.marketplaces.amazon;

import static dev.mercator.marketplaces.source.VendorCalls.text;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.source.Settings;
import dev.mercator.marketplaces.source.VendorCalls;
import dev.mercator.marketplaces.source.VendorCalls.Reply;
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderEndpoints;
import dev.mercator.platform.http.ProviderMode;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
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
class PaApiSource extends AmazonSource<PaApiSource.Keys> {

    static final String SERVICE = "ProductAdvertisingAPI";
    static final String TARGET = "com.amazon.paapi5.v1.ProductAdvertisingAPIv1.";
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

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
        super(clock);
        this.rest = outbound.client(settings);
        this.endpoints = endpoints;
        this.mode = endpoints.mode(settings);
        this.settings = settings;
        this.clock = clock;
        if (mode == ProviderMode.LIVE) {
            log.warn(RETIRED);
        }
    }

    /**
     * Said once at start-up when PA-API is chosen in live mode: Amazon retired it in favour of the Creators API
     * (announced for 30 April 2026), so an account may stop answering at any time.
     */
    static final String RETIRED = "PA-API 5.0 was retired by Amazon in favour of the Creators API (announced for"
            + " 2026-04-30); live calls may be refused at any time. Set mercator.catalog.amazon.api=creators"
            + " (MERCATOR_CATALOG_AMAZON_API) and the Creators API credentials to move.";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PaApiSource.class);

    record Keys(String accessKey, String secretKey, String marketplace, String partnerTag)
            implements AmazonSource.Account {

        @Override
        public String toString() {
            return "Keys[accessKey=" + accessKey + ", marketplace=" + marketplace + "]";
        }
    }

    @Override
    Keys account(SourceAccount account) {
        return new Keys(
                Settings.field(account, "accessKey", settings.accessKey(), PaApiSettings.SANDBOX_ACCESS_KEY),
                Settings.field(account, "secretKey", settings.secretKey(), PaApiSettings.SANDBOX_SECRET_KEY),
                Settings.field(account, "marketplace", settings.marketplace(), "www.amazon.com"),
                Settings.tag(account, settings.partnerTag(), PaApiSettings.SANDBOX_TAG));
    }

    /** PA-API's PascalCase tree with the Creators API's names. */
    @Override
    JsonNode tree(Reply reply) {
        return AmazonItems.camel(reply.json());
    }

    /** PA-API 5.0 answers a search that matched nothing with 404 and the error code {@code NoResults}. */
    @Override
    boolean noResults(JsonNode tree) {
        return "NoResults".equals(text(tree.path("errors").path(0).path("code")));
    }

    @Override
    SourceFailure failure(Reply reply, JsonNode tree) {
        String code = text(tree.path("errors").path(0).path("code"));
        String type = text(tree.path("__type"));
        return VendorCalls.byStatus(
                Marketplace.AMAZON, reply, (code == null ? "error" : code) + (type == null ? "" : " (" + type + ")"));
    }

    /**
     * The common body in PA-API's PascalCase (resources too), with what PA-API wants besides: the partner type and
     * marketplace in every body and the id type of a lookup.
     */
    @Override
    Reply send(Operation operation, ObjectNode camel, Keys keys) throws SourceFailure {
        ObjectNode body = VendorCalls.JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> field : camel.properties()) {
            String name = field.getKey();
            if (name.equals("resources")) {
                var resources = body.putArray("Resources");
                field.getValue().forEach(resource -> resources.add(pascal(resource.asString())));
            } else {
                body.set(capitalise(name), field.getValue());
            }
        }
        if (operation == Operation.GET_ITEMS) {
            body.put("ItemIdType", "ASIN");
        }
        body.put("PartnerType", "Associates");
        body.put("Marketplace", keys.marketplace());
        String name = capitalise(operation.camel);
        return call(name.toLowerCase(Locale.ROOT), name, body, keys);
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

    /** {@code itemInfo.title} → {@code ItemInfo.Title}. */
    private static String pascal(String resource) {
        StringBuilder out = new StringBuilder();
        for (String part : resource.split("\\.")) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(capitalise(part));
        }
        return out.toString();
    }

    private static String capitalise(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}

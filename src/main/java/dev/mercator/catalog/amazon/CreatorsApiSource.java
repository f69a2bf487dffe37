package dev.mercator.catalog.amazon;

import static dev.mercator.catalog.support.VendorCalls.text;

import dev.mercator.catalog.Marketplace;
import dev.mercator.catalog.ProductSource;
import dev.mercator.catalog.RawProduct;
import dev.mercator.catalog.SourceAccount;
import dev.mercator.catalog.SourceFailure;
import dev.mercator.catalog.SourceFailure.Kind;
import dev.mercator.catalog.SourcePage;
import dev.mercator.catalog.SourceQuery;
import dev.mercator.catalog.support.CachedTokens;
import dev.mercator.catalog.support.Settings;
import dev.mercator.catalog.support.VendorCalls;
import dev.mercator.catalog.support.VendorCalls.Reply;
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderEndpoints;
import dev.mercator.platform.http.ProviderMode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Amazon through the Creators API: an OAuth2 client-credentials token per credential (cached, refreshed 30 s before its
 * hour is up, minted once for concurrent callers), then {@code searchItems} and {@code getItems} with {@code
 * x-marketplace}. A 401 for an expired or invalid token drops the token and retries once with a fresh one.
 */
@Component
@ConditionalOnProperty(name = AmazonApiSettings.PROPERTY, havingValue = "creators", matchIfMissing = true)
class CreatorsApiSource implements ProductSource {

    static final Duration REFRESH_BEFORE = Duration.ofSeconds(30);
    private static final int MAX_ITEMS = 10;

    private final RestClient rest;
    private final CreatorsApiSettings settings;
    private final ProviderMode mode;
    private final CachedTokens tokens;
    private final Clock clock;

    @Autowired
    CreatorsApiSource(OutboundHttp outbound, ProviderEndpoints endpoints, CreatorsApiSettings settings) {
        this(outbound, endpoints, settings, Clock.systemUTC());
    }

    CreatorsApiSource(OutboundHttp outbound, ProviderEndpoints endpoints, CreatorsApiSettings settings, Clock clock) {
        this.rest = outbound.client(settings);
        this.settings = settings;
        this.mode = endpoints.mode(settings);
        this.tokens = new CachedTokens(REFRESH_BEFORE, clock);
        this.clock = clock;
    }

    @Override
    public Marketplace marketplace() {
        return Marketplace.AMAZON;
    }

    @Override
    public SourcePage search(SourceQuery query, SourceAccount account) throws SourceFailure {
        Credentials credentials = credentials(account);
        ObjectNode body = VendorCalls.JSON.createObjectNode();
        body.put("keywords", query.keywords());
        body.put("searchIndex", "All");
        int count = Math.clamp(query.pageSize(), 1, MAX_ITEMS);
        body.put("itemCount", count);
        body.put("itemPage", Math.max(1, query.page()));
        body.put("partnerTag", credentials.partnerTag());
        BigDecimal min = query.minPrice();
        BigDecimal max = query.maxPrice();
        String currency = query.currency();
        if (min != null) {
            body.put("minPrice", lowestDenomination(min));
        }
        if (max != null) {
            body.put("maxPrice", lowestDenomination(max));
        }
        if (currency != null) {
            body.put("currencyOfPreference", currency);
        }
        AmazonItems.RESOURCES.forEach(body.putArray("resources")::add);
        Reply reply = call("/catalog/v1/searchItems", body, credentials);
        if (reply.status() == 404
                && "NoResults".equals(text(reply.json().path("errors").path(0).path("code")))) {
            return new SourcePage(List.of(), 0, false);
        }
        if (!reply.ok()) {
            throw failure(reply);
        }
        JsonNode result = reply.json().path("searchResult");
        List<RawProduct> products = new ArrayList<>();
        result.path("items")
                .forEach(item -> products.add(AmazonItems.toRaw(item, credentials.marketplace(), clock.instant())));
        long total = result.path("totalResultCount").asLong(products.size());
        // Amazon serves at most 10 pages whatever the total.
        boolean more = (long) query.page() * count < total && query.page() < 10;
        return new SourcePage(products, total, more);
    }

    @Override
    public List<RawProduct> lookup(List<String> ids, SourceAccount account) throws SourceFailure {
        Credentials credentials = credentials(account);
        List<RawProduct> products = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_ITEMS) {
            ObjectNode body = VendorCalls.JSON.createObjectNode();
            ids.subList(from, Math.min(ids.size(), from + MAX_ITEMS)).forEach(body.putArray("itemIds")::add);
            body.put("partnerTag", credentials.partnerTag());
            AmazonItems.RESOURCES.forEach(body.putArray("resources")::add);
            Reply reply = call("/catalog/v1/getItems", body, credentials);
            if (!reply.ok()) {
                throw failure(reply);
            }
            // Unknown ASINs come back in "errors" next to the known ones; they are simply left out.
            reply.json()
                    .path("itemsResult")
                    .path("items")
                    .forEach(item -> products.add(AmazonItems.toRaw(item, credentials.marketplace(), clock.instant())));
        }
        return products;
    }

    @Override
    public Optional<String> affiliateLink(RawProduct product, SourceAccount account) {
        return Optional.empty();
    }

    private record Credentials(String id, String secret, String version, String marketplace, String partnerTag) {

        String cacheKey() {
            return CachedTokens.key(id + "@" + version, secret);
        }
    }

    private Credentials credentials(SourceAccount account) {
        return new Credentials(
                Settings.field(account, "credentialId", settings.credentialId(), CreatorsApiSettings.SANDBOX_ID),
                Settings.field(
                        account, "credentialSecret", settings.credentialSecret(), CreatorsApiSettings.SANDBOX_SECRET),
                Settings.field(account, "version", settings.version(), "2.1"),
                Settings.field(account, "marketplace", settings.marketplace(), "www.amazon.com"),
                Settings.tag(account, settings.partnerTag(), CreatorsApiSettings.SANDBOX_TAG));
    }

    private Reply call(String path, ObjectNode body, Credentials credentials) throws SourceFailure {
        String token = token(credentials);
        Reply reply = post(path, body, credentials, token);
        if (reply.status() == 401 && staleToken(reply)) {
            tokens.invalidate(credentials.cacheKey(), token);
            reply = post(path, body, credentials, token(credentials));
        }
        return reply;
    }

    private Reply post(String path, ObjectNode body, Credentials credentials, String token) throws SourceFailure {
        return VendorCalls.exchange(
                Marketplace.AMAZON,
                rest.post()
                        .uri(path)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token + ", Version " + credentials.version())
                        .header("x-marketplace", credentials.marketplace())
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON)
                        .body(VendorCalls.JSON.writeValueAsString(body)));
    }

    private static boolean staleToken(Reply reply) {
        String reason = text(reply.json().path("reason"));
        return "TokenExpired".equals(reason) || "InvalidToken".equals(reason);
    }

    private String token(Credentials credentials) throws SourceFailure {
        return tokens.get(credentials.cacheKey(), () -> mint(credentials));
    }

    private CachedTokens.Token mint(Credentials credentials) throws SourceFailure {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", credentials.id());
        form.add("client_secret", credentials.secret());
        form.add("scope", "creatorsapi/default");
        String configured = settings.tokenUrl();
        String tokenUrl = mode == ProviderMode.SANDBOX
                ? "/oauth2/token"
                : (configured != null ? configured : CreatorsApiSettings.liveTokenUrl(credentials.version()));
        Reply reply = VendorCalls.exchange(
                Marketplace.AMAZON,
                rest.post()
                        .uri(tokenUrl)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .accept(MediaType.APPLICATION_JSON)
                        .body(form));
        if (!reply.ok()) {
            String error = text(reply.json().path("error"));
            if (reply.status() == 400 || reply.status() == 401) {
                throw new SourceFailure(Marketplace.AMAZON, Kind.PERMANENT, "token refused: " + error, (Duration) null);
            }
            throw VendorCalls.byStatus(Marketplace.AMAZON, reply, "token endpoint");
        }
        JsonNode json = reply.json();
        String token = text(json.path("access_token"));
        if (token == null) {
            throw new SourceFailure(Marketplace.AMAZON, Kind.TRANSIENT, "token reply without a token", (Duration) null);
        }
        return new CachedTokens.Token(
                token, Duration.ofSeconds(json.path("expires_in").asLong(3600)));
    }

    private static SourceFailure failure(Reply reply) {
        JsonNode json = reply.json();
        String reason = text(json.path("reason"));
        String type = text(json.path("type"));
        String detail = (type == null ? "" : type) + (reason == null ? "" : " " + reason);
        return VendorCalls.byStatus(Marketplace.AMAZON, reply, detail.isBlank() ? "error" : detail.strip());
    }

    /** Amazon's price filters are integers in the currency's lowest denomination: 32.41 is 3241. */
    private static long lowestDenomination(BigDecimal amount) {
        return amount.movePointRight(2).longValue();
    }
}

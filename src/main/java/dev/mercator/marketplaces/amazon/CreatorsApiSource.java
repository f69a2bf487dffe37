package dev.mercator.marketplaces.amazon;

import static dev.mercator.marketplaces.source.VendorCalls.text;

import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SourceAccount;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.marketplaces.SourceFailure.Kind;
import dev.mercator.marketplaces.SourceQuery;
import dev.mercator.marketplaces.amazon.CreatorsCredentialVersion.Flow;
import dev.mercator.marketplaces.source.CachedTokens;
import dev.mercator.marketplaces.source.Settings;
import dev.mercator.marketplaces.source.VendorCalls;
import dev.mercator.marketplaces.source.VendorCalls.Reply;
import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderEndpoints;
import dev.mercator.platform.http.ProviderMode;
import java.time.Clock;
import java.time.Duration;
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
 * x-marketplace}. How the token is minted and sent depends on the credential's version (Cognito for 2.x, Login with
 * Amazon for 3.x, see {@link CreatorsCredentialVersion}), which each merchant credential may name for itself. A 401 for
 * an expired or invalid token drops the token and retries once with a fresh one.
 */
@Component
@ConditionalOnProperty(name = AmazonApiSettings.PROPERTY, havingValue = "creators", matchIfMissing = true)
class CreatorsApiSource extends AmazonSource<CreatorsApiSource.Credentials> {

    static final Duration REFRESH_BEFORE = Duration.ofSeconds(30);

    private final RestClient rest;
    private final CreatorsApiSettings settings;
    private final ProviderMode mode;
    private final CachedTokens tokens;

    @Autowired
    CreatorsApiSource(OutboundHttp outbound, ProviderEndpoints endpoints, CreatorsApiSettings settings) {
        this(outbound, endpoints, settings, Clock.systemUTC());
    }

    CreatorsApiSource(OutboundHttp outbound, ProviderEndpoints endpoints, CreatorsApiSettings settings, Clock clock) {
        super(clock);
        this.rest = outbound.client(settings);
        this.settings = settings;
        this.mode = endpoints.mode(settings);
        this.tokens = new CachedTokens(REFRESH_BEFORE, clock);
    }

    record Credentials(
            String id, String secret, CreatorsCredentialVersion version, String marketplace, String partnerTag)
            implements AmazonSource.Account {

        String cacheKey() {
            return CachedTokens.key(id + "@" + version.label, secret);
        }

        @Override
        public String toString() {
            return "Credentials[id=" + id + ", version=" + version.label + ", marketplace=" + marketplace + "]";
        }
    }

    @Override
    Credentials account(SourceAccount account) throws SourceFailure {
        String label = Settings.field(account, "version", settings.version(), CreatorsCredentialVersion.DEFAULT.label);
        CreatorsCredentialVersion version = CreatorsCredentialVersion.of(label)
                .orElseThrow(() -> new SourceFailure(
                        Marketplace.AMAZON,
                        Kind.PERMANENT,
                        "unknown Creators API credential version '" + label + "' (known: "
                                + CreatorsCredentialVersion.labels() + ")",
                        (Duration) null));
        boolean lwa = version.flow == Flow.LWA;
        return new Credentials(
                Settings.field(
                        account,
                        "credentialId",
                        settings.credentialId(),
                        lwa ? CreatorsApiSettings.SANDBOX_LWA_ID : CreatorsApiSettings.SANDBOX_ID),
                Settings.field(
                        account,
                        "credentialSecret",
                        settings.credentialSecret(),
                        lwa ? CreatorsApiSettings.SANDBOX_LWA_SECRET : CreatorsApiSettings.SANDBOX_SECRET),
                version,
                Settings.field(account, "marketplace", settings.marketplace(), "www.amazon.com"),
                Settings.tag(account, settings.partnerTag(), CreatorsApiSettings.SANDBOX_TAG));
    }

    @Override
    void searchExtras(ObjectNode body, SourceQuery query) {
        String currency = query.currency();
        if (currency != null) {
            body.put("currencyOfPreference", currency);
        }
    }

    @Override
    Reply send(Operation operation, ObjectNode body, Credentials credentials) throws SourceFailure {
        String path = "/catalog/v1/" + operation.camel;
        String token = token(credentials);
        Reply reply = post(path, body, credentials, token);
        if (reply.status() == 401 && staleToken(reply)) {
            tokens.invalidate(credentials.cacheKey(), token);
            reply = post(path, body, credentials, token(credentials));
        }
        return reply;
    }

    @Override
    JsonNode tree(Reply reply) {
        return reply.json();
    }

    /**
     * The Creators API SDK types every 404 as {@code ResourceNotFoundException} ({@code type}, {@code message}, {@code
     * resourceId}, {@code resourceType}), and Amazon's own wrappers read it on a search as "no items found". PA-API's
     * {@code NoResults} error list is accepted too, so a gateway that still answers in the old shape reads the same.
     */
    @Override
    boolean noResults(JsonNode tree) {
        return "ResourceNotFoundException".equals(text(tree.path("type")))
                || "NoResults".equals(text(tree.path("errors").path(0).path("code")));
    }

    @Override
    SourceFailure failure(Reply reply, JsonNode tree) {
        String reason = text(tree.path("reason"));
        String type = text(tree.path("type"));
        String detail = (type == null ? "" : type) + (reason == null ? "" : " " + reason);
        return VendorCalls.byStatus(Marketplace.AMAZON, reply, detail.isBlank() ? "error" : detail.strip());
    }

    private Reply post(String path, ObjectNode body, Credentials credentials, String token) throws SourceFailure {
        return VendorCalls.exchange(
                Marketplace.AMAZON,
                rest.post()
                        .uri(path)
                        .header(HttpHeaders.AUTHORIZATION, credentials.version().authorization(token))
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
        CreatorsCredentialVersion version = credentials.version();
        RestClient.RequestBodySpec request = rest.post().uri(tokenUrl(version)).accept(MediaType.APPLICATION_JSON);
        if (version.flow == Flow.LWA) {
            ObjectNode json = VendorCalls.JSON.createObjectNode();
            json.put("grant_type", "client_credentials");
            json.put("client_id", credentials.id());
            json.put("client_secret", credentials.secret());
            json.put("scope", version.flow.scope);
            request.contentType(MediaType.APPLICATION_JSON).body(VendorCalls.JSON.writeValueAsString(json));
        } else {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("grant_type", "client_credentials");
            form.add("client_id", credentials.id());
            form.add("client_secret", credentials.secret());
            form.add("scope", version.flow.scope);
            request.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form);
        }
        Reply reply = VendorCalls.exchange(Marketplace.AMAZON, request);
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

    /**
     * The simulator's endpoint of the version's flow in sandbox mode. Live, the configured token URL serves credentials
     * of the instance's own version; a merchant credential of another version goes to Amazon's endpoint of that version,
     * since Cognito and LWA clients exist only in their own region's pool.
     */
    String tokenUrl(CreatorsCredentialVersion version) {
        if (mode == ProviderMode.SANDBOX) {
            return version.flow.sandboxTokenPath;
        }
        String configured = settings.tokenUrl();
        return configured != null && version == settings.instanceVersion() ? configured : version.tokenUrl;
    }
}

package dev.mercator.dealscout.ebay;

import dev.mercator.platform.http.OutboundHttp;
import dev.mercator.platform.http.ProviderSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * eBay's Notification API {@code GET /commerce/notification/v1/public_key/{public_key_id}} with an application token
 * (client-credentials grant, the public scope). Keys are cached for {@code publicKeyTtl}, as eBay's SDKs do, so a
 * burst of notifications costs one call; the token is kept until shortly before it expires.
 */
@Component
class EbayNotificationApi implements EbayPublicKeys {

    static final String SCOPE = "https://api.ebay.com/oauth/api_scope";
    /** The sandbox's default app (as {@code marketplaces.ebay.EbaySettings}); opens only the sandbox. */
    static final String SANDBOX_CLIENT_ID = "Mercator-Sandbox-PRD-a1b2c3d4";

    static final String SANDBOX_CLIENT_SECRET = "PRD-ebay-sandbox-secret-9e7d";

    private record Cached(PublicKey key, Instant fetchedAt) {}

    private record Token(String value, Instant expiresAt) {}

    private final RestClient rest;
    private final EbayDeletionSettings settings;
    private final Clock clock;
    private final ConcurrentMap<String, Cached> keys = new ConcurrentHashMap<>();
    private volatile @Nullable Token token;

    EbayNotificationApi(OutboundHttp outbound, EbayDeletionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.rest = outbound.client(new ProviderSettings() {
            @Override
            public String provider() {
                return "ebay";
            }

            @Override
            public @Nullable String mode() {
                return settings.mode();
            }

            @Override
            public @Nullable String baseUrl() {
                return settings.baseUrl();
            }

            @Override
            public List<Credential> liveCredentials() {
                return List.of(
                        new Credential("client-id", settings.clientId()),
                        new Credential("client-secret", settings.clientSecret()));
            }
        });
    }

    @Override
    public Optional<PublicKey> key(String keyId) throws Unavailable {
        Cached cached = keys.get(keyId);
        if (cached != null && cached.fetchedAt().plus(settings.publicKeyTtl()).isAfter(clock.instant())) {
            return Optional.of(cached.key());
        }
        JsonNode body;
        try {
            String bearer = token();
            body = rest.get()
                    .uri("/commerce/notification/v1/public_key/{id}", keyId)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange((request, response) -> {
                        HttpStatusCode status = response.getStatusCode();
                        if (status.value() == 404) {
                            return null;
                        }
                        if (status.value() == 401) {
                            token = null;
                        }
                        if (!status.is2xxSuccessful()) {
                            throw new RestClientException("public key call answered " + status.value());
                        }
                        return response.bodyTo(JsonNode.class);
                    });
        } catch (RestClientException e) {
            throw new Unavailable("eBay's Notification API could not be asked for key " + keyId, e);
        }
        if (body == null) {
            return Optional.empty();
        }
        PublicKey key = parse(body.path("key").asString(""));
        keys.put(keyId, new Cached(key, clock.instant()));
        return Optional.of(key);
    }

    /** eBay's PEM ({@code -----BEGIN PUBLIC KEY-----}, base64 of the X.509 SubjectPublicKeyInfo) as an EC key. */
    static PublicKey parse(String pem) throws Unavailable {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Unavailable("eBay returned a public key that is not an EC key", e);
        }
    }

    private String token() {
        Token current = token;
        if (current != null && current.expiresAt().isAfter(clock.instant().plusSeconds(300))) {
            return current.value();
        }
        String id =
                settings.clientId() == null || settings.clientId().isBlank() ? SANDBOX_CLIENT_ID : settings.clientId();
        String secret =
                settings.clientSecret() == null || settings.clientSecret().isBlank()
                        ? SANDBOX_CLIENT_SECRET
                        : settings.clientSecret();
        String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        JsonNode minted = rest.post()
                .uri("/identity/v1/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("grant_type=client_credentials&scope="
                        + java.net.URLEncoder.encode(SCOPE, StandardCharsets.UTF_8))
                .retrieve()
                .body(JsonNode.class);
        if (minted == null || !minted.hasNonNull("access_token")) {
            throw new RestClientException("eBay's token call returned no access_token");
        }
        Token fresh = new Token(
                minted.path("access_token").asString(),
                clock.instant().plusSeconds(minted.path("expires_in").asLong(7200)));
        token = fresh;
        return fresh.value();
    }
}

package dev.mercator.inventory.amazon;

import dev.mercator.alerts.AlertType;
import dev.mercator.inventory.channel.ChannelAccounts.AmazonAccount;
import dev.mercator.inventory.channel.CredentialAlerts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/**
 * Login with Amazon access tokens, minted from each seller's refresh token and reused until {@code
 * token-refresh-margin} (60 s, as Amazon's own client) before they expire. Concurrent callers for one seller wait for
 * one mint rather than each minting their own. Cached per merchant, seller and credentials, so new credentials never
 * reuse a token of the old ones. Held in memory only: a token is an hour's bearer credential and a restart costs one
 * call per seller to mint again.
 */
@Component
class LwaTokens {

    private final AmazonHttp http;
    private final AmazonEndpoints endpoints;
    private final AmazonSettings settings;
    private final Clock clock;
    private final CredentialAlerts alerts;
    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();

    LwaTokens(
            AmazonHttp http, AmazonEndpoints endpoints, AmazonSettings settings, Clock clock, CredentialAlerts alerts) {
        this.http = http;
        this.endpoints = endpoints;
        this.settings = settings;
        this.clock = clock;
        this.alerts = alerts;
    }

    private record Key(String merchant, String sellerId, String credentials) {}

    private record Token(String value, Instant refreshAt) {}

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile @Nullable Token token;
    }

    /**
     * A usable access token for the seller.
     *
     * @throws AmazonFailure when LWA refuses the credentials (rejected: the seller must reconnect) or cannot answer
     */
    String token(AmazonAccount account) {
        Slot slot = slots.computeIfAbsent(key(account), k -> new Slot());
        Token current = slot.token;
        if (current != null && usable(current)) {
            return current.value();
        }
        slot.lock.lock();
        try {
            current = slot.token;
            if (current != null && usable(current)) {
                return current.value();
            }
            Token minted;
            String subject = "Amazon seller " + account.sellerId();
            try {
                minted = mint(account);
            } catch (AmazonFailure failure) {
                if (failure.kind() == AmazonFailure.Kind.REJECTED) {
                    alerts.refused(
                            account.merchant(),
                            AlertType.AMAZON_TOKEN_REVOKED,
                            subject,
                            String.valueOf(failure.getMessage()));
                }
                throw failure;
            }
            alerts.accepted(account.merchant(), AlertType.AMAZON_TOKEN_REVOKED, subject);
            slot.token = minted;
            return minted.value();
        } finally {
            slot.lock.unlock();
        }
    }

    /**
     * Forgets {@code stale} after SP-API refused it, so the next {@link #token} mints a new one. A token other
     * callers have already replaced is left alone: they must not mint again.
     */
    void invalidate(AmazonAccount account, String stale) {
        Slot slot = slots.get(key(account));
        if (slot == null) {
            return;
        }
        slot.lock.lock();
        try {
            Token current = slot.token;
            if (current != null && current.value().equals(stale)) {
                slot.token = null;
            }
        } finally {
            slot.lock.unlock();
        }
    }

    private boolean usable(Token token) {
        return clock.instant().isBefore(token.refreshAt());
    }

    private Token mint(AmazonAccount account) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "refresh_token");
        form.add("refresh_token", account.refreshToken());
        form.add("client_id", account.lwaClientId());
        form.add("client_secret", account.lwaClientSecret());
        Instant asked = clock.instant();
        AmazonHttp.Reply reply = http.exchange(http.rest()
                .post()
                .uri(URI.create(endpoints.lwa()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .body(form));
        if (reply.ok()) {
            JsonNode body = reply.body();
            String token = body.path("access_token").asString("");
            long expiresIn = body.path("expires_in").asLong(0);
            if (token.isBlank() || expiresIn <= 0) {
                throw AmazonFailure.transientFailure("Login with Amazon answered without an access token", true);
            }
            // Counted from when we asked, so time in flight never makes a token look fresher than it is.
            Duration usableFor = Duration.ofSeconds(expiresIn).minus(settings.tokenRefreshMargin());
            return new Token(token, asked.plus(usableFor.isNegative() ? Duration.ZERO : usableFor));
        }
        String error = reply.body().path("error").asString("");
        String description = reply.body().path("error_description").asString("");
        if (reply.status() == 429) {
            throw AmazonFailure.throttled(Duration.ofSeconds(1));
        }
        if (reply.status() >= 500 || error.equals("server_error") || error.equals("temporarily_unavailable")) {
            throw AmazonFailure.transientFailure("Login with Amazon unavailable (HTTP " + reply.status() + ")", true);
        }
        throw AmazonFailure.rejected(
                "Login with Amazon refused the seller's credentials: "
                        + (error.isBlank() ? "HTTP " + reply.status() : error)
                        + (description.isBlank() ? "" : " (" + description + ")"),
                true);
    }

    private static Key key(AmazonAccount account) {
        return new Key(
                account.merchant().toString(),
                account.sellerId(),
                sha256(account.lwaClientId() + "\n" + account.lwaClientSecret() + "\n" + account.refreshToken()));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

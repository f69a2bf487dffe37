package dev.mercator.dealscout.ebay;

import dev.mercator.platform.ratelimit.FailedSignatures;
import dev.mercator.platform.ratelimit.SignedDeliveries;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * eBay's Marketplace Account Deletion endpoint. {@code GET ?challenge_code=} answers eBay's endpoint validation with
 * {@code hex(SHA-256(challengeCode + verificationToken + endpointUrl))}; it is open by design, as eBay calls it without
 * credentials and the answer proves only that we know the token. {@code POST} takes a notification signed in {@code
 * X-EBAY-SIGNATURE} (base64 JSON: {@code alg}, {@code kid}, {@code signature}, {@code digest}), verified with ECDSA over
 * the raw body with the key eBay's Notification API returns for {@code kid}; 204 once recorded, 412 for a bad
 * signature (as eBay's SDKs answer), 503 when the key cannot be fetched (eBay retries). Closed (404) until the
 * verification token and endpoint URL are configured.
 */
@RestController
@Tag(name = "eBay")
class AccountDeletionWebhook implements SignedDeliveries {

    static final String PATH = "/webhook/ebay/account-deletion";
    static final String SIGNATURE = "X-EBAY-SIGNATURE";
    static final String TOPIC = "MARKETPLACE_ACCOUNT_DELETION";

    private final EbayDeletionSettings settings;
    private final EbayPublicKeys keys;
    private final AccountDeletions deletions;
    private final FailedSignatures failedSignatures;
    private final JsonMapper json;

    AccountDeletionWebhook(
            EbayDeletionSettings settings,
            EbayPublicKeys keys,
            AccountDeletions deletions,
            FailedSignatures failedSignatures,
            JsonMapper json) {
        this.settings = settings;
        this.keys = keys;
        this.deletions = deletions;
        this.failedSignatures = failedSignatures;
        this.json = json;
    }

    @Override
    public Endpoint endpoint() {
        return new Endpoint(
                "ebay",
                PATH,
                SIGNATURE,
                "eBay's notification signature: base64 of {\"alg\":\"ECDSA\",\"kid\":...,\"signature\":...,"
                        + "\"digest\":\"SHA1\"}, verified against the key eBay's Notification API returns for kid",
                412);
    }

    @Operation(
            operationId = "answerEbayDeletionChallenge",
            summary = "eBay's endpoint validation: the challenge code hashed with the verification token and URL",
            description = "Open by design: eBay calls it without credentials when the endpoint is saved in its portal.")
    @ApiResponse(responseCode = "200", description = "{\"challengeResponse\": \"<hex SHA-256>\"}")
    @GetMapping(path = PATH, produces = "application/json")
    Map<String, String> challenge(@RequestParam(name = "challenge_code", required = false) @Nullable String code) {
        String token = settings.verificationToken();
        String url = settings.endpointUrl();
        if (!settings.configured() || token == null || url == null) {
            throw ApiProblem.notFound("eBay account deletion notifications are not configured here");
        }
        if (code == null || code.isBlank()) {
            throw ApiProblem.badRequest("challenge_code is required");
        }
        return Map.of("challengeResponse", challengeResponse(code, token, url));
    }

    @Operation(
            operationId = "receiveEbayAccountDeletion",
            summary = "An eBay user closed their account: their data is erased, once per notification")
    @ApiResponse(responseCode = "204", description = "Recorded (or a replay of one already recorded)")
    @ApiResponse(responseCode = "412", description = "Missing or wrong signature: nothing recorded")
    @ApiResponse(responseCode = "503", description = "eBay's public key could not be fetched; eBay retries")
    @PostMapping(path = PATH)
    ResponseEntity<Void> receive(
            HttpServletRequest request,
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = SIGNATURE, required = false) @Nullable String signature) {
        if (!settings.configured()) {
            throw ApiProblem.notFound("eBay account deletion notifications are not configured here");
        }
        byte[] raw = body == null ? new byte[0] : body;
        if (!verified(raw, signature)) {
            if (signature != null && !failedSignatures.count(request).allowed()) {
                throw new ApiProblem(ProblemType.RATE_LIMITED, "Too many badly signed notifications");
            }
            throw new ApiProblem(ProblemType.PRECONDITION_FAILED, "The notification's signature does not verify");
        }
        JsonNode notification = parse(raw);
        if (!TOPIC.equals(notification.at("/metadata/topic").asString(""))) {
            throw ApiProblem.badRequest("Not a " + TOPIC + " notification");
        }
        String id = notification.at("/notification/notificationId").asString("");
        String username = notification.at("/notification/data/username").asString("");
        String userId = notification.at("/notification/data/userId").asString("");
        if (id.isBlank() || id.length() > 200 || username.isBlank() || userId.isBlank()) {
            throw ApiProblem.badRequest("notificationId, data.username and data.userId are required");
        }
        try {
            deletions.record(
                    id,
                    username,
                    userId,
                    instant(notification.at("/notification/eventDate").asString("")));
        } catch (DuplicateKeyException concurrentReplay) {
            // The same notification delivered twice at once: the other delivery recorded it.
        }
        return ResponseEntity.noContent().build();
    }

    private boolean verified(byte[] raw, @Nullable String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        JsonNode decoded;
        byte[] der;
        try {
            decoded = json.readTree(Base64.getDecoder().decode(header.strip()));
            der = Base64.getDecoder().decode(decoded.path("signature").asString(""));
        } catch (IllegalArgumentException | JacksonException unreadable) {
            return false;
        }
        String kid = decoded.path("kid").asString("");
        if (kid.isBlank()
                || der.length == 0
                || !"ECDSA".equalsIgnoreCase(decoded.path("alg").asString("ECDSA"))) {
            return false;
        }
        Optional<PublicKey> key;
        try {
            key = keys.key(kid);
        } catch (EbayPublicKeys.Unavailable e) {
            throw new ApiProblem(ProblemType.UNAVAILABLE, "eBay's public key could not be fetched; retry later");
        }
        if (key.isEmpty()) {
            return false;
        }
        String digest = decoded.path("digest").asString("SHA1").toUpperCase(java.util.Locale.ROOT);
        String algorithm = digest.equals("SHA256") ? "SHA256withECDSA" : "SHA1withECDSA";
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key.get());
            verifier.update(raw);
            return verifier.verify(der);
        } catch (GeneralSecurityException malformed) {
            return false;
        }
    }

    private JsonNode parse(byte[] raw) {
        try {
            JsonNode parsed = json.readTree(raw);
            if (parsed == null || !parsed.isObject()) {
                throw ApiProblem.badRequest("The body is not a notification");
            }
            return parsed;
        } catch (JacksonException unreadable) {
            throw ApiProblem.badRequest("The body is not JSON");
        }
    }

    private static @Nullable Instant instant(String text) {
        try {
            return text.isBlank() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String challengeResponse(String code, String token, String endpointUrl) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(code.getBytes(StandardCharsets.UTF_8));
            sha.update(token.getBytes(StandardCharsets.UTF_8));
            sha.update(endpointUrl.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}

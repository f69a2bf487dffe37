package dev.mercator.sandbox.ebay;

import dev.mercator.sandbox.ConditionalOnSandbox;
import dev.mercator.sandbox.catalog.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * eBay's side of Marketplace Account Deletion: the Notification API's {@code GET
 * /commerce/notification/v1/public_key/{public_key_id}} (application token; {@code {algorithm, digest, key}} with the
 * key as PEM), and the {@code _sim} control that signs a notification as eBay does (SHA1withECDSA over the exact body,
 * {@code X-EBAY-SIGNATURE} = base64 of {@code {"alg","kid","signature","digest"}}) and POSTs it to Mercator's endpoint.
 * The key pair is made at start-up; a forged notification is signed with another key under the same key id.
 */
@RestController
@ConditionalOnSandbox
class EbayNotificationSimulator {

    private final EbaySimulator ebay;
    private final Environment environment;
    private final Clock clock;
    private final String keyId = UUID.randomUUID().toString();
    private final KeyPair keys = ecKeyPair();
    private final KeyPair forger = ecKeyPair();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    EbayNotificationSimulator(EbaySimulator ebay, Environment environment, Clock clock) {
        this.ebay = ebay;
        this.environment = environment;
        this.clock = clock;
    }

    @GetMapping(
            path = "/sandbox/ebay/commerce/notification/v1/public_key/{publicKeyId}",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> publicKey(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @PathVariable String publicKeyId) {
        if (ebay.account(authorization).isEmpty()) {
            return BrowseErrors.error(HttpStatus.UNAUTHORIZED, 1001, "OAuth", "REQUEST", "Invalid access token", null);
        }
        if (!keyId.equals(publicKeyId)) {
            return BrowseErrors.error(
                    HttpStatus.NOT_FOUND, 195001, "API_NOTIFICATION", "REQUEST", "The public key was not found.", null);
        }
        ObjectNode body = Json.object();
        body.put("algorithm", "ECDSA");
        body.put("digest", "SHA1");
        body.put(
                "key",
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(keys.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----");
        return BrowseErrors.json(HttpStatus.OK, body);
    }

    /**
     * {@code {"username":..,"userId":..,"notificationId":optional,"forged":false,"endpoint":optional}}: signs and
     * POSTs a MARKETPLACE_ACCOUNT_DELETION notification to {@code endpoint}, else this server's own {@code
     * /webhook/ebay/account-deletion}; answers what Mercator answered.
     */
    @PostMapping(
            path = "/sandbox/ebay/_sim/notifications/account-deletion",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> send(@RequestBody JsonNode request) throws InterruptedException {
        String username = request.path("username").asString("");
        String userId = request.path("userId").asString("");
        if (username.isBlank() || userId.isBlank()) {
            ObjectNode error = Json.object();
            error.put("error", "username and userId are required");
            return BrowseErrors.json(HttpStatus.BAD_REQUEST, error);
        }
        String notificationId = request.path("notificationId").asString(UUID.randomUUID() + "_" + UUID.randomUUID());
        ObjectNode notification = Json.object();
        ObjectNode metadata = notification.putObject("metadata");
        metadata.put("topic", "MARKETPLACE_ACCOUNT_DELETION");
        metadata.put("schemaVersion", "1.0");
        metadata.put("deprecated", false);
        ObjectNode inner = notification.putObject("notification");
        inner.put("notificationId", notificationId);
        inner.put("eventDate", clock.instant().toString());
        inner.put("publishDate", clock.instant().toString());
        inner.put("publishAttemptCount", 1);
        ObjectNode data = inner.putObject("data");
        data.put("username", username);
        data.put("userId", userId);
        data.put("eiasToken", Base64.getEncoder().encodeToString(userId.getBytes(StandardCharsets.UTF_8)));
        byte[] body = Json.write(notification).getBytes(StandardCharsets.UTF_8);
        boolean forged = request.path("forged").asBoolean(false);
        String header = signatureHeader(body, forged ? forger.getPrivate() : keys.getPrivate());
        String endpoint = request.path("endpoint")
                .asString("http://localhost:" + environment.getProperty("local.server.port", "8080")
                        + "/webhook/ebay/account-deletion");
        HttpResponse<String> answer;
        try {
            answer = http.send(
                    HttpRequest.newBuilder(URI.create(endpoint))
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
                            .header("X-EBAY-SIGNATURE", header)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            ObjectNode error = Json.object();
            error.put("error", "could not reach " + endpoint + ": " + e.getMessage());
            return BrowseErrors.json(HttpStatus.BAD_GATEWAY, error);
        }
        ObjectNode out = Json.object();
        out.put("notificationId", notificationId);
        out.put("status", answer.statusCode());
        out.put("body", answer.body());
        return BrowseErrors.json(HttpStatus.OK, out);
    }

    private String signatureHeader(byte[] body, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance("SHA1withECDSA");
            signer.initSign(key);
            signer.update(body);
            ObjectNode header = Json.object();
            header.put("alg", "ECDSA");
            header.put("kid", keyId);
            header.put("signature", Base64.getEncoder().encodeToString(signer.sign()));
            header.put("digest", "SHA1");
            return Base64.getEncoder().encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA1withECDSA unavailable", e);
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC keys unavailable", e);
        }
    }
}

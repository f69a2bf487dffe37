package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything the Amazon simulator knows, in memory: sellers, the access tokens minted for them and feed documents.
 * Time-driven changes (a listings change becoming visible, a feed finishing) happen lazily, whenever a request touches
 * the seller, so the simulator needs no background thread and a test never races one.
 */
@Component
@ConditionalOnSandbox
class SimSellers {

    /** Feeds hold at most this many messages (JSON_LISTINGS_FEED since 2025). */
    static final int MAX_FEED_MESSAGES = 25_000;

    private final Map<String, SimSeller> sellers = new ConcurrentHashMap<>();
    private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, SimDocument> documents = new ConcurrentHashMap<>();
    private final AmazonSimSettings settings;
    private final Clock clock;
    private final JsonMapper json;
    private final SecureRandom random = new SecureRandom();
    private final byte[] signingKey = new byte[32];

    SimSellers(AmazonSimSettings settings, Clock clock, JsonMapper json) {
        this.settings = settings;
        this.clock = clock;
        this.json = json;
        random.nextBytes(signingKey);
    }

    /** An access token and whom it was minted for. */
    record Grant(String sellerId, Instant expiresAt) {}

    AmazonSimSettings settings() {
        return settings;
    }

    Instant now() {
        return clock.instant();
    }

    /** The seller's bucket for an operation, on the simulator's clock. */
    SimBucket bucket(SimSeller seller, String operation) {
        return seller.bucket(operation, settings, clock);
    }

    /** Registers a seller afresh: any previous state under this seller id is dropped. */
    SimSeller register(SimSeller seller) {
        sellers.put(seller.sellerId, seller);
        return seller;
    }

    Optional<SimSeller> find(String sellerId) {
        return Optional.ofNullable(sellers.get(sellerId));
    }

    Optional<SimSeller> byRefreshToken(String refreshToken) {
        return sellers.values().stream()
                .filter(s -> MessageDigest.isEqual(
                        s.refreshToken.getBytes(StandardCharsets.UTF_8), refreshToken.getBytes(StandardCharsets.UTF_8)))
                .findFirst();
    }

    boolean knownClient(String clientId) {
        return sellers.values().stream().anyMatch(s -> s.clientId.equals(clientId));
    }

    String mint(SimSeller seller) {
        Instant now = now();
        if (accessTokens.size() > 50_000) {
            accessTokens.values().removeIf(grant -> !grant.expiresAt().isAfter(now));
        }
        String token = "Atza|" + randomHex(48);
        accessTokens.put(token, new Grant(seller.sellerId, now.plus(settings.ttl())));
        seller.stats.tokensIssued.increment();
        return token;
    }

    Optional<Grant> grant(String accessToken) {
        return Optional.ofNullable(accessTokens.get(accessToken));
    }

    /** Makes every access token of the seller expire now, as if an hour had passed. */
    int expireAccessTokens(String sellerId) {
        Instant now = now();
        int[] expired = {0};
        accessTokens.replaceAll((token, grant) -> {
            if (grant.sellerId().equals(sellerId) && grant.expiresAt().isAfter(now)) {
                expired[0]++;
                return new Grant(sellerId, now);
            }
            return grant;
        });
        return expired[0];
    }

    SimDocument createDocument(SimSeller seller, String contentType, byte @Nullable [] content) {
        return createDocument(seller, contentType, null, content);
    }

    SimDocument createDocument(
            SimSeller seller, String contentType, @Nullable String compression, byte @Nullable [] content) {
        String id = "amzn1.tortuga.4.na." + UUID.randomUUID();
        SimDocument document =
                new SimDocument(id, seller.sellerId, contentType, compression, content, now().plusSeconds(300));
        documents.put(id, document);
        return document;
    }

    Optional<SimDocument> document(String id) {
        return Optional.ofNullable(documents.get(id));
    }

    /** The signature of a presigned document URL: binds the document id and the URL's expiry. */
    String sign(String documentId, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return HexFormat.of()
                    .formatHex(mac.doFinal((documentId + "\n" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    String randomDigits(int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    /** Brings the seller up to now: due listings changes become visible, due feeds are processed. */
    void advance(SimSeller seller) {
        Instant now = now();
        synchronized (seller) {
            for (SimFeed feed : seller.feeds.values()) {
                if (!feed.finished()) {
                    if (!now.isBefore(feed.endsAt)) {
                        process(seller, feed);
                    } else if (!now.isBefore(feed.startsAt)) {
                        feed.status = "IN_PROGRESS";
                    }
                }
            }
            seller.listings.values().forEach(listing -> listing.advance(now));
        }
    }

    /**
     * Processes a JSON_LISTINGS_FEED: each PATCH (or PARTIAL_UPDATE) message is checked like a patchListingsItem and,
     * when valid, applied after the visibility delay counted from the end of processing. Writes the processing report
     * (schema v2). A document that is not a listings feed at all makes the feed FATAL.
     */
    private void process(SimSeller seller, SimFeed feed) {
        List<Map<String, Object>> issues = new ArrayList<>();
        int processed = 0;
        int invalid = 0;
        JsonNode header = json.missingNode();
        String status = "DONE";
        SimDocument input = document(feed.inputDocumentId).orElse(null);
        byte @Nullable [] content = input == null ? null : input.content;
        JsonNode root = null;
        if (content != null) {
            try {
                root = json.readTree(content);
            } catch (JacksonException e) {
                root = null;
            }
        }
        String fatal = fatalProblem(seller, root);
        if (fatal != null || root == null) {
            status = "FATAL";
            issues.add(feedIssue(null, null, "4000004", fatal == null ? "The feed document is missing." : fatal));
        } else {
            header = root.path("header");
            Map<Long, Boolean> seen = new HashMap<>();
            Instant visibleAt = feed.endsAt.plus(settings.visibility());
            for (JsonNode message : root.path("messages")) {
                processed++;
                long messageId = message.path("messageId").asLong(0);
                String sku = message.path("sku").asString("");
                List<Map<String, Object>> found = new ArrayList<>();
                if (messageId < 1 || seen.put(messageId, true) != null) {
                    found.add(feedIssue(messageId, sku, "4000005", "messageId must be a unique positive integer."));
                }
                SimListing listing = seller.listings.get(sku);
                List<ListingPatches.Patch> patches = List.of();
                if (listing == null) {
                    found.add(feedIssue(
                            messageId,
                            sku,
                            "8541",
                            "SKU '" + sku + "' does not exist for this seller and marketplace."));
                } else {
                    try {
                        patches = patchesOf(message);
                        for (Map<String, Object> issue : ListingPatches.issues(
                                patches, message.path("productType").asString(""), listing)) {
                            found.add(feedIssue(
                                    messageId,
                                    sku,
                                    String.valueOf(issue.get("code")),
                                    String.valueOf(issue.get("message"))));
                        }
                    } catch (ListingPatches.Malformed malformed) {
                        found.add(feedIssue(messageId, sku, "4000006", String.valueOf(malformed.getMessage())));
                    }
                }
                if (found.isEmpty() && listing != null) {
                    listing.accept(patches, visibleAt);
                } else {
                    invalid++;
                    issues.addAll(found);
                }
            }
        }
        Map<String, Object> reportHeader = new LinkedHashMap<>();
        reportHeader.put("sellerId", seller.sellerId);
        reportHeader.put("version", "2.0");
        reportHeader.put("feedId", feed.feedId);
        if (header.has("report")) {
            reportHeader.put("report", header.get("report"));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("errors", issues.size());
        summary.put("warnings", 0);
        summary.put("messagesProcessed", processed);
        summary.put("messagesAccepted", processed - invalid);
        summary.put("messagesInvalid", invalid);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("header", reportHeader);
        report.put("issues", issues);
        report.put("summary", summary);
        byte[] bytes = json.writeValueAsBytes(report);
        // Amazon compresses processing reports as it sees fit; a seller registered so has them plain.
        SimDocument result = seller.compressReports
                ? createDocument(seller, "application/json", "GZIP", gzip(bytes))
                : createDocument(seller, "application/json", null, bytes);
        feed.resultDocumentId = result.id;
        feed.status = status;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(bytes);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return compressed.toByteArray();
    }

    private static @Nullable String fatalProblem(SimSeller seller, @Nullable JsonNode root) {
        if (root == null || !root.isObject()) {
            return "The feed document is not valid JSON.";
        }
        JsonNode header = root.path("header");
        if (!header.isObject() || !"2.0".equals(header.path("version").asString(""))) {
            return "The feed header is missing or its version is not 2.0.";
        }
        if (!seller.sellerId.equals(header.path("sellerId").asString(""))) {
            return "The sellerId in the feed header does not match the seller submitting the feed.";
        }
        JsonNode messages = root.path("messages");
        if (!messages.isArray() || messages.isEmpty() || messages.size() > MAX_FEED_MESSAGES) {
            return "A feed needs 1 to " + MAX_FEED_MESSAGES + " messages.";
        }
        return null;
    }

    private static List<ListingPatches.Patch> patchesOf(JsonNode message) {
        String operation = message.path("operationType").asString("");
        return switch (operation) {
            case "PATCH" -> ListingPatches.parse(message.path("patches"));
            case "PARTIAL_UPDATE" -> {
                List<ListingPatches.Patch> replaces = new ArrayList<>();
                for (Map.Entry<String, JsonNode> attribute :
                        message.path("attributes").properties()) {
                    JsonNode patch = JsonMapper.shared()
                            .createObjectNode()
                            .put("op", "replace")
                            .put("path", "/attributes/" + attribute.getKey())
                            .set("value", attribute.getValue());
                    replaces.addAll(ListingPatches.parse(
                            JsonMapper.shared().createArrayNode().add(patch)));
                }
                if (replaces.isEmpty()) {
                    throw new ListingPatches.Malformed("PARTIAL_UPDATE needs attributes");
                }
                yield replaces;
            }
            default ->
                throw new ListingPatches.Malformed(
                        "The simulator supports operationType PATCH and PARTIAL_UPDATE, not '" + operation + "'.");
        };
    }

    private static Map<String, Object> feedIssue(
            @Nullable Long messageId, @Nullable String sku, String code, String message) {
        Map<String, Object> issue = new LinkedHashMap<>();
        if (messageId != null) {
            issue.put("messageId", messageId);
        }
        if (sku != null) {
            issue.put("sku", sku);
        }
        issue.put("code", code);
        issue.put("severity", "ERROR");
        issue.put("message", message);
        return issue;
    }

    private String randomHex(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}

package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Feeds API 2021-06-30 as Amazon serves it: {@code createFeedDocument} hands out a presigned upload URL (here {@code
 * /sandbox/amazon/_s3/...}, standing in for S3: it checks the signature, the expiry and that the upload's Content-Type
 * is the one declared), {@code createFeed} queues the feed, {@code getFeed} shows IN_QUEUE → IN_PROGRESS → DONE (or
 * FATAL) over {@code mercator.sandbox.amazon.feed-processing-delay}, and {@code getFeedDocument} points at the
 * processing report, GZIP-compressed unless the seller was registered with {@code reportCompression: NONE}.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + AmazonSimulator.NAME, produces = MediaType.APPLICATION_JSON_VALUE)
class FeedsSimulator {

    private static final String S3_PATH = "/sandbox/" + AmazonSimulator.NAME + "/_s3/documents/";

    private final SimSellers sellers;
    private final SpApiGate gate;

    FeedsSimulator(SimSellers sellers, SpApiGate gate) {
        this.sellers = sellers;
        this.gate = gate;
    }

    @PostMapping(path = "/feeds/2021-06-30/documents", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> createFeedDocument(
            @RequestHeader(name = SpApiGate.TOKEN_HEADER, required = false) @Nullable String token,
            @RequestBody JsonNode body) {
        SpApiGate.Admitted call = gate.admit(token, null, SimLimits.CREATE_FEED_DOCUMENT);
        String contentType = body.path("contentType").asString("");
        if (contentType.isBlank()) {
            call.rejected();
            return SpApiResponses.invalidInput("contentType is required");
        }
        SimDocument document = sellers.createDocument(call.seller(), contentType, null);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("feedDocumentId", document.id);
        response.put("url", presigned(document));
        return SpApiResponses.status(HttpStatus.CREATED, call.rate(), response);
    }

    @PostMapping(path = "/feeds/2021-06-30/feeds", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> createFeed(
            @RequestHeader(name = SpApiGate.TOKEN_HEADER, required = false) @Nullable String token,
            @RequestBody JsonNode body) {
        SpApiGate.Admitted call = gate.admit(token, null, SimLimits.CREATE_FEED);
        String feedType = body.path("feedType").asString("");
        String input = body.path("inputFeedDocumentId").asString("");
        List<String> marketplaces = new ArrayList<>();
        body.path("marketplaceIds").forEach(m -> marketplaces.add(m.asString("")));
        if (feedType.isBlank() || input.isBlank() || marketplaces.isEmpty() || marketplaces.size() > 25) {
            call.rejected();
            return SpApiResponses.invalidInput(
                    "feedType, marketplaceIds (1 to 25) and inputFeedDocumentId are required");
        }
        if (!feedType.equals("JSON_LISTINGS_FEED")) {
            call.rejected();
            return SpApiResponses.invalidInput("The simulator processes JSON_LISTINGS_FEED only");
        }
        SimSeller seller = call.seller();
        if (!seller.marketplaceIds.containsAll(marketplaces)) {
            call.rejected();
            return SpApiResponses.invalidInput("marketplaceIds must be marketplaces the seller sells in");
        }
        SimDocument document = sellers.document(input).orElse(null);
        if (document == null || !document.sellerId.equals(seller.sellerId) || document.content == null) {
            call.rejected();
            return SpApiResponses.invalidInput("inputFeedDocumentId does not name an uploaded feed document");
        }
        gate.alsoLimit(call, SimLimits.JSON_LISTINGS_FEED);
        Instant now = sellers.now();
        long half = sellers.settings().feedDelay().toMillis() / 2;
        String feedId = Long.toString(seller.feedIds.incrementAndGet());
        synchronized (seller) {
            seller.feeds.put(
                    feedId,
                    new SimFeed(
                            feedId,
                            feedType,
                            marketplaces,
                            input,
                            now,
                            now.plusMillis(half),
                            now.plus(sellers.settings().feedDelay())));
        }
        return SpApiResponses.status(HttpStatus.ACCEPTED, call.rate(), Map.of("feedId", feedId));
    }

    @GetMapping("/feeds/2021-06-30/feeds/{feedId}")
    ResponseEntity<Object> getFeed(
            @RequestHeader(name = SpApiGate.TOKEN_HEADER, required = false) @Nullable String token,
            @PathVariable String feedId) {
        SpApiGate.Admitted call = gate.admit(token, null, SimLimits.GET_FEED);
        SimSeller seller = call.seller();
        sellers.advance(seller);
        synchronized (seller) {
            SimFeed feed = seller.feeds.get(feedId);
            if (feed == null) {
                call.rejected();
                return SpApiResponses.error(HttpStatus.NOT_FOUND, "NotFound", "NotFound", "Feed not found");
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("feedId", feed.feedId);
            response.put("feedType", feed.feedType);
            response.put("marketplaceIds", feed.marketplaceIds);
            response.put("createdTime", AmazonSimulator.iso(feed.createdAt));
            response.put("processingStatus", feed.status);
            if (!feed.status.equals("IN_QUEUE")) {
                response.put("processingStartTime", AmazonSimulator.iso(feed.startsAt));
            }
            if (feed.finished()) {
                response.put("processingEndTime", AmazonSimulator.iso(feed.endsAt));
            }
            if (feed.resultDocumentId != null) {
                response.put("resultFeedDocumentId", feed.resultDocumentId);
            }
            return SpApiResponses.ok(call.rate(), response);
        }
    }

    @GetMapping("/feeds/2021-06-30/documents/{documentId}")
    ResponseEntity<Object> getFeedDocument(
            @RequestHeader(name = SpApiGate.TOKEN_HEADER, required = false) @Nullable String token,
            @PathVariable String documentId) {
        SpApiGate.Admitted call = gate.admit(token, null, SimLimits.GET_FEED_DOCUMENT);
        SimDocument document = sellers.document(documentId)
                .filter(d -> d.sellerId.equals(call.seller().sellerId))
                .orElse(null);
        if (document == null) {
            call.rejected();
            return SpApiResponses.error(HttpStatus.NOT_FOUND, "NotFound", "NotFound", "Document not found");
        }
        document.urlExpiresAt = sellers.now().plusSeconds(300);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("feedDocumentId", document.id);
        response.put("url", presigned(document));
        if (document.compressionAlgorithm != null) {
            response.put("compressionAlgorithm", document.compressionAlgorithm);
        }
        return SpApiResponses.ok(call.rate(), response);
    }

    // --- the S3 stand-in ------------------------------------------------------------------------------------

    @PutMapping(path = "/_s3/documents/{documentId}", consumes = MediaType.ALL_VALUE, produces = MediaType.ALL_VALUE)
    ResponseEntity<String> upload(
            @PathVariable String documentId,
            @RequestParam(name = "expires", required = false) @Nullable Long expires,
            @RequestParam(name = "X-Amz-Signature", required = false) @Nullable String signature,
            @RequestHeader(name = "Content-Type", required = false) @Nullable String contentType,
            @RequestBody(required = false) byte @Nullable [] body) {
        SimDocument document = signed(documentId, expires, signature);
        if (document == null) {
            return s3Error(HttpStatus.FORBIDDEN, "AccessDenied", "Request has expired or is not signed for this key");
        }
        if (!sameMediaType(document.contentType, contentType)) {
            return s3Error(
                    HttpStatus.FORBIDDEN,
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key"
                            + " and signing method.");
        }
        document.content = body == null ? new byte[0] : body;
        return ResponseEntity.ok().build();
    }

    @GetMapping(path = "/_s3/documents/{documentId}", produces = MediaType.ALL_VALUE)
    ResponseEntity<?> download(
            @PathVariable String documentId,
            @RequestParam(name = "expires", required = false) @Nullable Long expires,
            @RequestParam(name = "X-Amz-Signature", required = false) @Nullable String signature) {
        SimDocument document = signed(documentId, expires, signature);
        byte @Nullable [] content = document == null ? null : document.content;
        if (document == null || content == null) {
            return s3Error(HttpStatus.FORBIDDEN, "AccessDenied", "Access Denied");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(document.contentType))
                .body(content);
    }

    private @Nullable SimDocument signed(String id, @Nullable Long expires, @Nullable String signature) {
        if (expires == null || signature == null || sellers.now().getEpochSecond() > expires) {
            return null;
        }
        boolean valid = MessageDigest.isEqual(
                sellers.sign(id, expires).getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
        return valid ? sellers.document(id).orElse(null) : null;
    }

    private String presigned(SimDocument document) {
        long expires = document.urlExpiresAt.getEpochSecond();
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(S3_PATH + document.id)
                .queryParam("expires", expires)
                .queryParam("X-Amz-Signature", sellers.sign(document.id, expires))
                .build()
                .toUriString();
    }

    /**
     * S3 signs the Content-Type: an upload must declare the type given to createFeedDocument. Compared as media types
     * (type, subtype, charset), so spacing and case do not matter.
     */
    private static boolean sameMediaType(String declared, @Nullable String sent) {
        if (sent == null) {
            return false;
        }
        try {
            MediaType expected = MediaType.parseMediaType(declared);
            MediaType actual = MediaType.parseMediaType(sent);
            return expected.getType().equalsIgnoreCase(actual.getType())
                    && expected.getSubtype().equalsIgnoreCase(actual.getSubtype())
                    && String.valueOf(expected.getCharset()).equalsIgnoreCase(String.valueOf(actual.getCharset()));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static ResponseEntity<String> s3Error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_XML)
                .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                        + "</Message></Error>");
    }
}

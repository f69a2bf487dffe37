package dev.mercator.inventory.amazon;

import dev.mercator.inventory.channel.ChannelAccounts.AmazonAccount;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.channel.PushRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A large backlog as one JSON_LISTINGS_FEED: createFeedDocument, upload to the presigned URL, createFeed, getFeed
 * until DONE, FATAL or CANCELLED (for at most {@code feed-max-wait}), then the processing report. A message with an
 * ERROR issue is rejected with that issue; every other message is accepted (queued, to be read back like a patch).
 * A feed still running when the wait is over leaves its SKUs accepted too: Amazon has them, and verify-after-write
 * will tell whether they landed.
 */
@Component
class AmazonFeeds {

    /** Amazon signs the upload's Content-Type: it must be sent exactly as declared here. */
    static final String CONTENT_TYPE = "application/json; charset=UTF-8";

    private final SpApi api;
    private final AmazonHttp http;
    private final AmazonListings listings;
    private final AmazonSettings settings;
    private final Clock clock;

    AmazonFeeds(SpApi api, AmazonHttp http, AmazonListings listings, AmazonSettings settings, Clock clock) {
        this.api = api;
        this.http = http;
        this.listings = listings;
        this.settings = settings;
        this.clock = clock;
    }

    List<PushOutcome> push(AmazonAccount account, List<PushRequest> requests, Instant paceDeadline) {
        List<PushOutcome> outcomes = new ArrayList<>();
        Map<Integer, PushRequest> byMessage = new LinkedHashMap<>();
        List<Map<String, Object>> messages = new ArrayList<>();
        @Nullable AmazonFailure outOfTime = null;
        for (PushRequest request : requests) {
            if (outOfTime != null) {
                outcomes.add(outOfTime.toOutcome(request.target().sku()));
                continue;
            }
            String productType;
            try {
                productType = listings.productType(account, request.target().sellerSku(), paceDeadline);
            } catch (AmazonFailure failure) {
                if (failure.kind() == AmazonFailure.Kind.THROTTLED) {
                    // Product types not yet known take a getListingsItem each: send what is known now, the rest
                    // (their types cached from now on) next time.
                    outOfTime = failure;
                } else if (failure.sellerWide()) {
                    throw failure;
                }
                outcomes.add(failure.toOutcome(request.target().sku()));
                continue;
            }
            int messageId = messages.size() + 1;
            byMessage.put(messageId, request);
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("messageId", messageId);
            message.put("sku", request.target().sellerSku());
            message.put("operationType", "PATCH");
            message.put("productType", productType);
            message.put("patches", AmazonListings.quantityPatch(request.quantity()));
            messages.add(message);
        }
        if (messages.isEmpty()) {
            return outcomes;
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("sellerId", account.sellerId());
        header.put("version", "2.0");
        header.put("issueLocale", "en_US");
        byte[] document = http.json().writeValueAsBytes(Map.of("header", header, "messages", messages));

        // The feed-submission quota (5 per 5 minutes) first: without it the document would be uploaded for nothing.
        api.pace(account, SpApi.Operation.JSON_LISTINGS_FEED, paceDeadline);
        JsonNode created = api.call(
                        account,
                        SpApi.Operation.CREATE_FEED_DOCUMENT,
                        paceDeadline,
                        HttpMethod.POST,
                        "/feeds/2021-06-30/documents",
                        Map.of("contentType", CONTENT_TYPE))
                .body();
        String documentId = created.path("feedDocumentId").asString("");
        String url = created.path("url").asString("");
        if (documentId.isBlank() || url.isBlank()) {
            throw AmazonFailure.transientFailure("createFeedDocument answered without a document", true);
        }
        upload(url, document);
        String marketplace = AmazonListings.marketplace(account);
        String feedId = api.call(
                        account,
                        SpApi.Operation.CREATE_FEED,
                        paceDeadline,
                        HttpMethod.POST,
                        "/feeds/2021-06-30/feeds",
                        Map.of(
                                "feedType",
                                "JSON_LISTINGS_FEED",
                                "marketplaceIds",
                                List.of(marketplace),
                                "inputFeedDocumentId",
                                documentId))
                .body()
                .path("feedId")
                .asString("");
        if (feedId.isBlank()) {
            throw AmazonFailure.transientFailure("createFeed answered without a feed id", true);
        }
        String submission = "feed:" + feedId;

        JsonNode feed = awaitFeed(account, feedId);
        String status = feed.path("processingStatus").asString("");
        if (!status.equals("DONE") && !status.equals("FATAL") && !status.equals("CANCELLED")) {
            byMessage
                    .values()
                    .forEach(r ->
                            outcomes.add(new PushOutcome.Accepted(r.target().sku(), r.quantity(), submission)));
            return outcomes;
        }
        JsonNode report = report(account, feed.path("resultFeedDocumentId").asString(""));
        if (status.equals("CANCELLED")) {
            byMessage
                    .values()
                    .forEach(r ->
                            outcomes.add(new PushOutcome.Transient(r.target().sku(), "feed " + feedId + " cancelled")));
            return outcomes;
        }
        Map<Long, String> errors = new LinkedHashMap<>();
        String feedError = null;
        for (JsonNode issue : report.path("issues")) {
            if (!issue.path("severity").asString("").equals("ERROR")) {
                continue;
            }
            String text = issue.path("code").asString("") + " "
                    + issue.path("message").asString("");
            if (issue.has("messageId")) {
                errors.merge(issue.path("messageId").asLong(), text, (a, b) -> a + "; " + b);
            } else if (feedError == null) {
                feedError = text;
            }
        }
        for (Map.Entry<Integer, PushRequest> message : byMessage.entrySet()) {
            PushRequest request = message.getValue();
            String error = errors.get(message.getKey().longValue());
            if (error == null && status.equals("FATAL")) {
                error = feedError == null ? "feed " + feedId + " FATAL" : feedError;
            }
            outcomes.add(
                    error == null
                            ? new PushOutcome.Accepted(request.target().sku(), request.quantity(), submission)
                            : new PushOutcome.Rejected(request.target().sku(), "Amazon feed " + feedId + ": " + error));
        }
        return outcomes;
    }

    private void upload(String url, byte[] document) {
        // Presigned: no access token, and the URL is used exactly as given (its signature covers the query).
        AmazonHttp.Reply reply = http.exchange(http.rest()
                .put()
                .uri(URI.create(url))
                .header("Content-Type", CONTENT_TYPE)
                .body(document));
        if (!reply.ok()) {
            throw AmazonFailure.transientFailure("feed document upload refused (HTTP " + reply.status() + ")", true);
        }
    }

    private JsonNode awaitFeed(AmazonAccount account, String feedId) {
        Instant giveUp = clock.instant().plus(settings.feedMaxWait());
        while (true) {
            JsonNode feed = api.call(
                            account,
                            SpApi.Operation.GET_FEED,
                            giveUp,
                            HttpMethod.GET,
                            "/feeds/2021-06-30/feeds/{feedId}",
                            null,
                            feedId)
                    .body();
            String status = feed.path("processingStatus").asString("");
            if (status.equals("DONE") || status.equals("FATAL") || status.equals("CANCELLED")) {
                return feed;
            }
            Duration pause = settings.feedPollInterval();
            if (clock.instant().plus(pause).isAfter(giveUp)) {
                return feed;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return feed;
            }
        }
    }

    /** The processing report; an empty report when the feed has none (then only the status speaks). */
    private JsonNode report(AmazonAccount account, String documentId) {
        if (documentId.isBlank()) {
            return http.json().createObjectNode();
        }
        JsonNode location = api.call(
                        account,
                        SpApi.Operation.GET_FEED_DOCUMENT,
                        clock.instant().plus(settings.maxPaceWait()),
                        HttpMethod.GET,
                        "/feeds/2021-06-30/documents/{documentId}",
                        null,
                        documentId)
                .body();
        String url = location.path("url").asString("");
        if (url.isBlank()) {
            throw AmazonFailure.transientFailure("getFeedDocument answered without a URL", true);
        }
        AmazonHttp.Reply download = http.exchange(http.rest().get().uri(URI.create(url)));
        if (!download.ok()) {
            throw AmazonFailure.transientFailure(
                    "processing report download refused (HTTP " + download.status() + ")", true);
        }
        byte[] raw = download.raw();
        if ("GZIP".equalsIgnoreCase(location.path("compressionAlgorithm").asString(""))) {
            try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                raw = gunzip.readAllBytes();
            } catch (IOException e) {
                throw AmazonFailure.transientFailure("unreadable processing report", true);
            }
        }
        return http.parse(raw);
    }
}

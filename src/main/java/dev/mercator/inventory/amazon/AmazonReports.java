package dev.mercator.inventory.amazon;

import dev.mercator.inventory.channel.ChannelAccounts.AmazonAccount;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reports API 2021-06-30: createReport over a data window, getReport until DONE, CANCELLED or FATAL (for at most
 * {@code feed-max-wait}, polled every {@code feed-poll-interval}, like feeds), getReportDocument, the download from its
 * presigned URL, gunzipped when {@code compressionAlgorithm} is GZIP.
 */
@Component
class AmazonReports {

    private final SpApi api;
    private final AmazonHttp http;
    private final AmazonSettings settings;
    private final Clock clock;

    AmazonReports(SpApi api, AmazonHttp http, AmazonSettings settings, Clock clock) {
        this.api = api;
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    /** How a report ended: DONE with its document, CANCELLED (Amazon had no data: an empty window), or not (yet). */
    // Never compared: it carries the document's bytes from the download to the parser.
    @SuppressWarnings("ArrayRecordComponent")
    record Fetched(String status, String reportId, byte @Nullable [] document) {

        boolean done() {
            return status.equals("DONE") && document != null;
        }

        boolean empty() {
            return status.equals("CANCELLED");
        }
    }

    Fetched fetch(AmazonAccount account, String reportType, Instant start, Instant end, Instant paceDeadline) {
        String reportId = api.call(
                        account,
                        SpApi.Operation.CREATE_REPORT,
                        paceDeadline,
                        HttpMethod.POST,
                        "/reports/2021-06-30/reports",
                        Map.of(
                                "reportType", reportType,
                                "marketplaceIds", List.of(AmazonListings.marketplace(account)),
                                "dataStartTime", start.toString(),
                                "dataEndTime", end.toString()))
                .body()
                .path("reportId")
                .asString("");
        if (reportId.isBlank()) {
            throw AmazonFailure.transientFailure("createReport answered without a report id", true);
        }
        JsonNode report = await(account, reportId);
        String status = report.path("processingStatus").asString("");
        String documentId = report.path("reportDocumentId").asString("");
        if (!status.equals("DONE") || documentId.isBlank()) {
            return new Fetched(status, reportId, null);
        }
        return new Fetched(status, reportId, download(account, documentId));
    }

    private JsonNode await(AmazonAccount account, String reportId) {
        Instant giveUp = clock.instant().plus(settings.feedMaxWait());
        while (true) {
            JsonNode report = api.call(
                            account,
                            SpApi.Operation.GET_REPORT,
                            giveUp,
                            HttpMethod.GET,
                            "/reports/2021-06-30/reports/{reportId}",
                            null,
                            reportId)
                    .body();
            String status = report.path("processingStatus").asString("");
            if (status.equals("DONE") || status.equals("FATAL") || status.equals("CANCELLED")) {
                return report;
            }
            Duration pause = settings.feedPollInterval();
            if (clock.instant().plus(pause).isAfter(giveUp)) {
                return report;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return report;
            }
        }
    }

    private byte[] download(AmazonAccount account, String documentId) {
        JsonNode location = api.call(
                        account,
                        SpApi.Operation.GET_REPORT_DOCUMENT,
                        clock.instant().plus(settings.maxPaceWait()),
                        HttpMethod.GET,
                        "/reports/2021-06-30/documents/{documentId}",
                        null,
                        documentId)
                .body();
        String url = location.path("url").asString("");
        if (url.isBlank()) {
            throw AmazonFailure.transientFailure("getReportDocument answered without a URL", true);
        }
        // Presigned: no access token, and the URL is used exactly as given (its signature covers the query).
        AmazonHttp.Reply download = http.exchange(http.rest().get().uri(URI.create(url)));
        if (!download.ok()) {
            throw AmazonFailure.transientFailure("report download refused (HTTP " + download.status() + ")", true);
        }
        byte[] raw = download.raw();
        if ("GZIP".equalsIgnoreCase(location.path("compressionAlgorithm").asString(""))) {
            try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                raw = gunzip.readAllBytes();
            } catch (IOException e) {
                throw AmazonFailure.transientFailure("unreadable report document", true);
            }
        }
        return raw;
    }
}

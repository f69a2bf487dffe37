package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Reports API 2021-06-30 for the two returns reports: {@code createReport} (202, a report id; the data is taken when
 * the report is created, rows whose return date falls in the data window), {@code getReport} showing IN_QUEUE →
 * IN_PROGRESS → DONE over {@code mercator.sandbox.amazon.feed-processing-delay}, {@code getReportDocument} pointing at a
 * presigned download, tab-separated with the report's header row and GZIP-compressed (named in {@code
 * compressionAlgorithm}) unless the seller was registered with {@code reportCompression: NONE}. Amazon's usage plans
 * apply ({@link SimLimits}).
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + AmazonSimulator.NAME, produces = MediaType.APPLICATION_JSON_VALUE)
class ReportsSimulator {

    private static final String S3_PATH = "/sandbox/" + AmazonSimulator.NAME + "/_s3/documents/";

    private final SimSellers sellers;
    private final SimReturns returns;
    private final SpApiGate gate;

    ReportsSimulator(SimSellers sellers, SimReturns returns, SpApiGate gate) {
        this.sellers = sellers;
        this.returns = returns;
        this.gate = gate;
    }

    @PostMapping(path = "/reports/2021-06-30/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> createReport(
            @RequestHeader(name = SpApiGate.TOKEN_HEADER, required = false) @Nullable String token,
            @RequestBody JsonNode body) {
        SpApiGate.Admitted call = gate.admit(token, null, SimLimits.CREATE_REPORT);
        String reportType = body.path("reportType").asString("");
        List<String> marketplaces = new ArrayList<>();
        body.path("marketplaceIds").forEach(m -> marketplaces.add(m.asString("")));
        if (reportType.isBlank() || marketplaces.isEmpty()) {
            call.rejected();
            return SpApiResponses.invalidInput("reportType and marketplaceIds are required");
        }
        if (!reportType.equals(SimReturns.FBA_REPORT) && !reportType.equals(SimReturns.MFN_REPORT)) {
            call.rejected();
            return SpApiResponses.invalidInput(
                    "The simulator generates " + SimReturns.FBA_REPORT + " and " + SimReturns.MFN_REPORT + " only");
        }
        if (!call.seller().marketplaceIds.containsAll(marketplaces)) {
            call.rejected();
            return SpApiResponses.invalidInput("marketplaceIds must be marketplaces the seller sells in");
        }
        Instant now = sellers.now();
        Instant start;
        Instant end;
        try {
            start = time(body.path("dataStartTime"), now.minusSeconds(30L * 86_400));
            end = time(body.path("dataEndTime"), now);
        } catch (DateTimeParseException bad) {
            call.rejected();
            return SpApiResponses.invalidInput("dataStartTime and dataEndTime must be ISO 8601 date-times");
        }
        if (end.isBefore(start) || start.isAfter(now)) {
            call.rejected();
            return SpApiResponses.invalidInput("dataStartTime must not be after dataEndTime or in the future");
        }
        SimReturns.SimReport report = returns.create(
                call.seller().sellerId,
                reportType,
                marketplaces,
                start,
                end,
                now,
                sellers.settings().feedDelay());
        return SpApiResponses.status(HttpStatus.ACCEPTED, call.rate(), Map.of("reportId", report.reportId));
    }

    @GetMapping("/reports/2021-06-30/reports/{reportId}")
    ResponseEntity<Object> getReport(
            @RequestHeader(name = SpApiGate.TOKEN_HEADER, required = false) @Nullable String token,
            @PathVariable String reportId) {
        SpApiGate.Admitted call = gate.admit(token, null, SimLimits.GET_REPORT);
        SimSeller seller = call.seller();
        SimReturns.SimReport report = returns.report(reportId)
                .filter(r -> r.sellerId.equals(seller.sellerId))
                .orElse(null);
        if (report == null) {
            call.rejected();
            return SpApiResponses.error(HttpStatus.NOT_FOUND, "NotFound", "NotFound", "Report not found");
        }
        Instant now = sellers.now();
        String status =
                now.isBefore(report.startsAt) ? "IN_QUEUE" : now.isBefore(report.endsAt) ? "IN_PROGRESS" : "DONE";
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("reportId", report.reportId);
        response.put("reportType", report.reportType);
        response.put("marketplaceIds", report.marketplaceIds);
        response.put("dataStartTime", AmazonSimulator.iso(report.dataStart));
        response.put("dataEndTime", AmazonSimulator.iso(report.dataEnd));
        response.put("createdTime", AmazonSimulator.iso(report.createdAt));
        response.put("processingStatus", status);
        if (!status.equals("IN_QUEUE")) {
            response.put("processingStartTime", AmazonSimulator.iso(report.startsAt));
        }
        if (status.equals("DONE")) {
            response.put("processingEndTime", AmazonSimulator.iso(report.endsAt));
            response.put("reportDocumentId", document(seller, report));
        }
        return SpApiResponses.ok(call.rate(), response);
    }

    @GetMapping("/reports/2021-06-30/documents/{reportDocumentId}")
    ResponseEntity<Object> getReportDocument(
            @RequestHeader(name = SpApiGate.TOKEN_HEADER, required = false) @Nullable String token,
            @PathVariable String reportDocumentId) {
        SpApiGate.Admitted call = gate.admit(token, null, SimLimits.GET_REPORT_DOCUMENT);
        SimDocument document = sellers.document(reportDocumentId)
                .filter(d -> d.sellerId.equals(call.seller().sellerId))
                .orElse(null);
        if (document == null) {
            call.rejected();
            return SpApiResponses.error(HttpStatus.NOT_FOUND, "NotFound", "NotFound", "Document not found");
        }
        document.urlExpiresAt = sellers.now().plusSeconds(300);
        long expires = document.urlExpiresAt.getEpochSecond();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("reportDocumentId", document.id);
        response.put(
                "url",
                ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path(S3_PATH + document.id)
                        .queryParam("expires", expires)
                        .queryParam("X-Amz-Signature", sellers.sign(document.id, expires))
                        .build()
                        .toUriString());
        if (document.compressionAlgorithm != null) {
            response.put("compressionAlgorithm", document.compressionAlgorithm);
        }
        return SpApiResponses.ok(call.rate(), response);
    }

    private String document(SimSeller seller, SimReturns.SimReport report) {
        synchronized (report) {
            if (report.documentId == null) {
                SimDocument document = seller.compressReports
                        ? sellers.createDocument(
                                seller, "text/tab-separated-values", "GZIP", SimReturns.gzip(report.content))
                        : sellers.createDocument(seller, "text/tab-separated-values", null, report.content);
                report.documentId = document.id;
            }
            return report.documentId;
        }
    }

    private static Instant time(JsonNode value, Instant fallback) {
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        return OffsetDateTime.parse(value.asString("")).toInstant();
    }
}

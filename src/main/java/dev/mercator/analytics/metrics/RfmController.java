package dev.mercator.analytics.metrics;

import dev.mercator.platform.MerchantId;
import dev.mercator.platform.security.CurrentMerchant;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** RFM scores and segments of a merchant's customers, as JSON or CSV. */
@RestController
@RequestMapping("/api/analytics/rfm")
@Tag(name = "Analytics")
class RfmController {

    private static final int MAX_LOOKBACK_DAYS = 3660;
    private static final int MAX_LIMIT = 10_000;

    private final RfmReport report;
    private final MerchantTimeZones zones;
    private final Clock clock;

    RfmController(RfmReport report, MerchantTimeZones zones, Clock clock) {
        this.report = report;
        this.zones = zones;
        this.clock = clock;
    }

    record Customer(
            String customerId,
            long recencyDays,
            long frequency,

            @Schema(description = "Decimal string in the report's currency")
            String monetary,

            int r,
            int f,
            int m,
            String segment) {}

    record SegmentCount(String segment, long customers) {}

    record Rfm(
            String definition,
            String timeZone,
            LocalDate asOf,
            int lookbackDays,
            String currency,
            long totalCustomers,

            @Schema(
                    description =
                            "Customers per segment, in the rule table's order; segments without customers left out")
            List<SegmentCount> segments,

            @Schema(description = "At most `limit` customers: by segment, then monetary value, highest first")
            List<Customer> customers) {}

    @Operation(
            operationId = "getAnalyticsRfm",
            summary = "RFM: recency, frequency and monetary value per customer, scored 1-5, with named segments",
            description = """
                    Over orders placed in the `lookbackDays` local days ending with `asOf` (default: today in the \
                    merchant's analytics time zone, 365 days) in one `currency` (default USD). Each metric is scored \
                    1-5 by the rank of its distinct values, so equal values always get the same score; segments \
                    (Champions, Loyal, Potential Loyalist, New, Promising, Need Attention, About To Sleep, At Risk, \
                    Can't Lose Them, Lost, Hibernating) follow one rule table on R and the rounded average of F and M. \
                    Definitions: `analytics/metrics/rfm.v1.sql`. CSV (all customers up to `limit`) with \
                    `Accept: text/csv` or `format=csv`.""")
    @ApiResponse(
            responseCode = "200",
            description = "The scores",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(implementation = Rfm.class)),
                @Content(mediaType = SalesController.CSV, schema = @Schema(type = "string"))
            })
    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, SalesController.CSV})
    ResponseEntity<?> rfm(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate asOf,
            @RequestParam(defaultValue = "365") int lookbackDays,
            @RequestParam(defaultValue = "USD") String currency,
            @RequestParam(defaultValue = "1000") int limit,
            @Parameter(schema = @Schema(allowableValues = {"json", "csv"})) @RequestParam(required = false) @Nullable
                    String format,
            @Parameter(hidden = true) @RequestHeader(name = "Accept", required = false) @Nullable String accept) {
        MerchantId merchant = CurrentMerchant.require();
        if (lookbackDays < 1 || lookbackDays > MAX_LOOKBACK_DAYS) {
            throw invalid("lookbackDays", "must be between 1 and " + MAX_LOOKBACK_DAYS);
        }
        if (!currency.matches("[A-Z]{3}")) {
            throw invalid("currency", "must be an ISO 4217 code such as USD");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        ZoneId zone = zones.of(merchant);
        LocalDate day = asOf != null ? asOf : LocalDate.now(clock.withZone(zone));
        boolean csv = SalesController.csv(format, accept);
        List<RfmReport.Row> rows = report.run(merchant, zone, day, lookbackDays, currency);
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.forEach(row -> counts.merge(row.segment(), 1L, Long::sum));
        List<Customer> customers = rows.stream()
                .limit(limit)
                .map(row -> new Customer(
                        row.customerId(),
                        row.recencyDays(),
                        row.frequency(),
                        SalesController.money(row.monetary()),
                        row.r(),
                        row.f(),
                        row.m(),
                        row.segment()))
                .toList();
        if (csv) {
            StringBuilder out = new StringBuilder("customer_id,recency_days,frequency,monetary,r,f,m,segment\r\n");
            for (Customer c : customers) {
                out.append(String.join(
                                ",",
                                SalesController.cell(c.customerId()),
                                Long.toString(c.recencyDays()),
                                Long.toString(c.frequency()),
                                c.monetary(),
                                Integer.toString(c.r()),
                                Integer.toString(c.f()),
                                Integer.toString(c.m()),
                                SalesController.cell(c.segment())))
                        .append("\r\n");
            }
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(SalesController.CSV + ";charset=UTF-8"))
                    .header("Content-Disposition", "attachment; filename=\"rfm-" + day + ".csv\"")
                    .body(out.toString());
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(new Rfm(
                        RfmReport.DEFINITION,
                        zone.getId(),
                        day,
                        lookbackDays,
                        currency,
                        rows.size(),
                        counts.entrySet().stream()
                                .map(e -> new SegmentCount(e.getKey(), e.getValue()))
                                .toList(),
                        customers));
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(ProblemType.VALIDATION, "The request has invalid fields")
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }
}

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
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
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

/** Sales figures over a merchant's events, as JSON or CSV. */
@RestController
@RequestMapping("/api/analytics/sales")
@Tag(name = "Analytics")
class SalesController {

    static final String CSV = "text/csv";
    private static final int MAX_DAYS = 3 * 366;

    private final SalesReport report;
    private final MerchantTimeZones zones;
    private final Clock clock;

    SalesController(SalesReport report, MerchantTimeZones zones, Clock clock) {
        this.report = report;
        this.zones = zones;
        this.clock = clock;
    }

    /** Money as decimal strings, never JSON numbers that clients read as doubles. */
    record SalesRow(
            LocalDate period,
            String currency,

            @Schema(description = "The channel, or * for all channels together")
            String channel,

            String grossSales,
            String discounts,
            String refunds,
            String netSales,
            long orders,
            long units,
            @Nullable String averageOrderValue,
            @Nullable String unitsPerOrder,
            long newCustomers,
            long returningCustomers) {}

    record Sales(
            String definition,
            String timeZone,
            LocalDate from,
            LocalDate to,

            @Schema(allowableValues = {"day", "week", "month"})
            String granularity,

            @Nullable String channel,
            List<SalesRow> rows) {}

    @Operation(
            operationId = "getAnalyticsSales",
            summary = "Sales: gross, discounts, refunds, net, orders, units, AOV, units per order, new vs returning",
            description = """
                    Per period (local days, ISO weeks from Monday, or months, in the merchant's analytics time zone: \
                    see /api/analytics/settings) and currency, for all channels (`channel` = `*`) and each channel. \
                    `from` and `to` are local dates, both included (default: the last 30 days). Figures include \
                    events accepted a moment ago, flushed to Parquet or not. The definitions are those of \
                    `analytics/metrics/sales.v1.sql` (named in `definition`): orders and their gross sales and \
                    discounts count on the day they were placed, refunds on the day they were issued. CSV with \
                    `Accept: text/csv` or `format=csv`.""")
    @ApiResponse(
            responseCode = "200",
            description = "The figures",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(implementation = Sales.class)),
                @Content(mediaType = CSV, schema = @Schema(type = "string"))
            })
    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, CSV})
    ResponseEntity<?> sales(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @Parameter(schema = @Schema(allowableValues = {"day", "week", "month"})) @RequestParam(defaultValue = "day")
                    String granularity,
            @RequestParam(required = false) @Nullable String channel,
            @Parameter(schema = @Schema(allowableValues = {"json", "csv"})) @RequestParam(required = false) @Nullable
                    String format,
            @Parameter(hidden = true) @RequestHeader(name = "Accept", required = false) @Nullable String accept) {
        MerchantId merchant = CurrentMerchant.require();
        ZoneId zone = zones.of(merchant);
        LocalDate last = to != null ? to : LocalDate.now(clock.withZone(zone));
        LocalDate first = from != null ? from : last.minusDays(29);
        if (first.isAfter(last)) {
            throw invalid("from", "must not be after to");
        }
        if (first.plusDays(MAX_DAYS).isBefore(last)) {
            throw invalid("to", "a range spans at most " + MAX_DAYS + " days");
        }
        Granularity bucket = granularity(granularity);
        if (channel != null && (channel.isBlank() || channel.length() > 40)) {
            throw invalid("channel", "must be 1 to 40 characters");
        }
        boolean csv = csv(format, accept);
        List<SalesRow> rows = report.run(merchant, zone, first, last, bucket, channel).stream()
                .map(SalesController::row)
                .toList();
        if (csv) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(CSV + ";charset=UTF-8"))
                    .header("Content-Disposition", "attachment; filename=\"sales-" + first + "-" + last + ".csv\"")
                    .body(csv(rows));
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(new Sales(SalesReport.DEFINITION, zone.getId(), first, last, bucket.wire(), channel, rows));
    }

    static boolean csv(@Nullable String format, @Nullable String accept) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw invalid("format", "must be json or csv");
            };
        }
        if (accept == null) {
            return false;
        }
        // CSV when the client names it before JSON (q-values aside); */* alone gets JSON.
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                continue;
            }
            if (type.isCompatibleWith(MediaType.parseMediaType(CSV))) {
                return true;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return false;
            }
        }
        return false;
    }

    private static Granularity granularity(String value) {
        try {
            return Granularity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("granularity", "must be day, week or month");
        }
    }

    private static SalesRow row(SalesReport.Row row) {
        return new SalesRow(
                row.period(),
                row.currency(),
                row.channel(),
                money(row.grossSales()),
                money(row.discounts()),
                money(row.refunds()),
                money(row.netSales()),
                row.orders(),
                row.units(),
                row.averageOrderValue() == null ? null : money(row.averageOrderValue()),
                row.unitsPerOrder() == null ? null : money(row.unitsPerOrder()),
                row.newCustomers(),
                row.returningCustomers());
    }

    /** At least two decimals, more only where the figure has them: 21.83, 15.915, 5.00. */
    static String money(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 2 ? stripped.setScale(2) : stripped).toPlainString();
    }

    private static String csv(List<SalesRow> rows) {
        StringBuilder out = new StringBuilder(
                "period,currency,channel,gross_sales,discounts,refunds,net_sales,orders,units,average_order_value,"
                        + "units_per_order,new_customers,returning_customers\r\n");
        for (SalesRow r : rows) {
            out.append(String.join(
                            ",",
                            r.period().toString(),
                            cell(r.currency()),
                            cell(r.channel()),
                            r.grossSales(),
                            r.discounts(),
                            r.refunds(),
                            r.netSales(),
                            Long.toString(r.orders()),
                            Long.toString(r.units()),
                            r.averageOrderValue() == null ? "" : r.averageOrderValue(),
                            r.unitsPerOrder() == null ? "" : r.unitsPerOrder(),
                            Long.toString(r.newCustomers()),
                            Long.toString(r.returningCustomers())))
                    .append("\r\n");
        }
        return out.toString();
    }

    /**
     * A text cell as RFC 4180 wants it, and never read as a formula by a spreadsheet (a channel is the merchant's own
     * text): quoted when it holds a comma, quote or line break, and a leading =, +, - or @ prefixed with a quote.
     */
    static String cell(String text) {
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(ProblemType.VALIDATION, "The request has invalid fields")
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }
}

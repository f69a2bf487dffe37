package dev.mercator.sandbox.amazon;

import dev.mercator.sandbox.ConditionalOnSandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The simulated sellers' customer returns, their FBA inventory and the reports made of them. Kept beside {@link
 * SimSellers} rather than in it: returns are a capability of their own, and {@code _sim} controls create them
 * ({@link ReturnsSimControl}). Each seller's lists are guarded by the seller's list's monitor.
 */
@Component
@ConditionalOnSandbox
class SimReturns {

    static final String FBA_REPORT = "GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA";
    static final String MFN_REPORT = "GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE";

    /** The FBA customer returns report's columns, in Amazon's order (FBA Customer Concessions reports attributes). */
    static final List<String> FBA_COLUMNS = List.of(
            "return-date",
            "order-id",
            "sku",
            "asin",
            "fnsku",
            "product-name",
            "quantity",
            "fulfillment-center-id",
            "detailed-disposition",
            "reason",
            "status",
            "license-plate-number",
            "customer-comments");

    /** The merchant-fulfilled returns flat file's columns, in Amazon's order (Returns reports attributes). */
    static final List<String> MFN_COLUMNS = List.of(
            "Order ID",
            "Order date",
            "Return request date",
            "Return request status",
            "Amazon RMA ID",
            "Merchant RMA ID",
            "Label type",
            "Label cost",
            "Currency code",
            "Return carrier",
            "Tracking ID",
            "Label to be paid by",
            "A-to-Z Claim",
            "Is prime",
            "ASIN",
            "Merchant SKU",
            "Item Name",
            "Return quantity",
            "Return Reason",
            "In policy",
            "Return type",
            "Resolution",
            "Invoice number",
            "Return delivery date",
            "Order Amount",
            "Order quantity",
            "SafeT Action reason",
            "SafeT claim id",
            "SafeT claim state",
            "SafeT claim creation time",
            "SafeT claim reimbursement amount",
            "Refunded Amount");

    private static final DateTimeFormatter REPORT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.UTC);

    /** One returned line as Amazon records it. */
    record SimReturn(
            boolean fba,
            Instant returnDate,
            String orderId,
            String sku,
            int quantity,
            String disposition,
            String reason,
            String licensePlate,
            String rmaId) {}

    /** A report requested with createReport; its document is written when processing ends. */
    static final class SimReport {
        final String reportId;
        final String sellerId;
        final String reportType;
        final List<String> marketplaceIds;
        final Instant dataStart;
        final Instant dataEnd;
        final Instant createdAt;
        final Instant startsAt;
        final Instant endsAt;
        final byte[] content;

        @Nullable
        String documentId;

        SimReport(
                String reportId,
                String sellerId,
                String reportType,
                List<String> marketplaceIds,
                Instant dataStart,
                Instant dataEnd,
                Instant createdAt,
                Instant startsAt,
                Instant endsAt,
                byte[] content) {
            this.reportId = reportId;
            this.sellerId = sellerId;
            this.reportType = reportType;
            this.marketplaceIds = List.copyOf(marketplaceIds);
            this.dataStart = dataStart;
            this.dataEnd = dataEnd;
            this.createdAt = createdAt;
            this.startsAt = startsAt;
            this.endsAt = endsAt;
            this.content = content;
        }
    }

    /** An FBA SKU's units at Amazon. */
    record Pool(int fulfillable, int unfulfillable) {}

    private final Map<String, List<SimReturn>> returns = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Pool>> pools = new ConcurrentHashMap<>();
    /** A seller's next report of a type is this raw text instead of its returns (for bad-report tests). */
    private final Map<String, String> overrides = new ConcurrentHashMap<>();

    private final Map<String, SimReport> reports = new ConcurrentHashMap<>();
    private final AtomicLong reportIds = new AtomicLong(90_000);

    void add(String sellerId, SimReturn returned) {
        List<SimReturn> list = returns.computeIfAbsent(sellerId, id -> new ArrayList<>());
        synchronized (list) {
            list.add(returned);
        }
        if (returned.fba()) {
            // Amazon puts a sellable return back into fulfillable stock, anything else into unfulfillable.
            boolean sellable = returned.disposition().equals("SELLABLE");
            pools.computeIfAbsent(sellerId, id -> new ConcurrentHashMap<>())
                    .merge(
                            returned.sku(),
                            new Pool(sellable ? returned.quantity() : 0, sellable ? 0 : returned.quantity()),
                            (a, b) ->
                                    new Pool(a.fulfillable() + b.fulfillable(), a.unfulfillable() + b.unfulfillable()));
        }
    }

    void setPool(String sellerId, String sku, Pool pool) {
        pools.computeIfAbsent(sellerId, id -> new ConcurrentHashMap<>()).put(sku, pool);
    }

    Map<String, Pool> pools(String sellerId) {
        return new LinkedHashMap<>(pools.getOrDefault(sellerId, Map.of()));
    }

    void override(String sellerId, String reportType, String raw) {
        overrides.put(sellerId + "|" + reportType, raw);
    }

    SimReport create(
            String sellerId,
            String reportType,
            List<String> marketplaceIds,
            Instant start,
            Instant end,
            Instant now,
            java.time.Duration delay) {
        String raw = overrides.remove(sellerId + "|" + reportType);
        byte[] content = raw != null
                ? raw.getBytes(StandardCharsets.UTF_8)
                : render(reportType, rows(sellerId, reportType.equals(FBA_REPORT), start, end));
        String id = Long.toString(reportIds.incrementAndGet());
        SimReport report = new SimReport(
                id,
                sellerId,
                reportType,
                marketplaceIds,
                start,
                end,
                now,
                now.plusMillis(delay.toMillis() / 2),
                now.plus(delay),
                content);
        reports.put(id, report);
        return report;
    }

    Optional<SimReport> report(String reportId) {
        return Optional.ofNullable(reports.get(reportId));
    }

    private List<SimReturn> rows(String sellerId, boolean fba, Instant start, Instant end) {
        List<SimReturn> list = returns.getOrDefault(sellerId, List.of());
        synchronized (list) {
            return list.stream()
                    .filter(r -> r.fba() == fba)
                    .filter(r ->
                            !r.returnDate().isBefore(start) && !r.returnDate().isAfter(end))
                    .toList();
        }
    }

    private static byte[] render(String reportType, List<SimReturn> rows) {
        StringBuilder tsv = new StringBuilder();
        boolean fba = reportType.equals(FBA_REPORT);
        tsv.append(String.join("\t", fba ? FBA_COLUMNS : MFN_COLUMNS)).append('\n');
        for (SimReturn r : rows) {
            List<String> cells = fba
                    ? List.of(
                            REPORT_TIME.format(r.returnDate()),
                            r.orderId(),
                            r.sku(),
                            "B0" + Math.abs(r.sku().hashCode() % 100_000_000),
                            "X00" + Math.abs(r.sku().hashCode() % 10_000_000),
                            "Product " + r.sku(),
                            Integer.toString(r.quantity()),
                            "PHX7",
                            r.disposition(),
                            r.reason(),
                            "Unit returned to inventory",
                            r.licensePlate(),
                            "")
                    : mfnCells(r);
            tsv.append(String.join("\t", cells)).append('\n');
        }
        return tsv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> mfnCells(SimReturn r) {
        List<String> cells = new ArrayList<>();
        for (String column : MFN_COLUMNS) {
            cells.add(
                    switch (column) {
                        case "Order ID" -> r.orderId();
                        case "Order date", "Return request date" ->
                            REPORT_TIME.format(r.returnDate().minusSeconds(86_400));
                        case "Return request status" -> "Approved";
                        case "Amazon RMA ID" -> r.rmaId();
                        case "Merchant SKU" -> r.sku();
                        case "Return quantity", "Order quantity" -> Integer.toString(r.quantity());
                        case "Return Reason" -> r.reason();
                        case "Return delivery date" -> REPORT_TIME.format(r.returnDate());
                        case "Currency code" -> "USD";
                        case "Resolution" -> "StandardRefund";
                        case "Return type" -> "C-Returns";
                        default -> "";
                    });
        }
        return cells;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(bytes);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return compressed.toByteArray();
    }
}

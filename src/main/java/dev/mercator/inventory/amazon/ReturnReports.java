package dev.mercator.inventory.amazon;

import dev.mercator.inventory.returns.IncomingReturn;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Amazon's two returns reports, tab-separated with their real header rows, read into returns. A header that lacks a
 * column Mercator needs, or has one it does not know, makes the whole document suspect: nothing of it is applied. A row
 * that cannot be read (a bad date or quantity, a missing order id or SKU) is kept as a held return with the problem,
 * never guessed and never dropped; the other rows stand on their own.
 */
final class ReturnReports {

    static final String FBA = "GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA";
    static final String MFN = "GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE";

    /** GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA, as Amazon's "FBA Customer Concessions reports attributes" lists it. */
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

    /** GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE, as Amazon's "Returns reports attributes" lists it. */
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

    private static final Set<String> FBA_NEEDED =
            Set.of("return-date", "order-id", "sku", "quantity", "detailed-disposition", "license-plate-number");
    private static final Set<String> MFN_NEEDED =
            Set.of("Order ID", "Amazon RMA ID", "Merchant SKU", "Return quantity", "Return request date");

    private static final BigDecimal MAX_VALUE = new BigDecimal("999999999999.99");

    /** A report read: a problem with the whole document, or its returns (some of them held, with why). */
    record Parsed(@Nullable String documentProblem, List<Item> items) {}

    record Item(IncomingReturn incoming, @Nullable String hold) {}

    private ReturnReports() {}

    static Parsed parse(String reportType, byte[] document, @Nullable Instant fallbackDate) {
        boolean fba = reportType.equals(FBA);
        List<String> lines = new ArrayList<>(List.of(new String(document, StandardCharsets.UTF_8)
                .replace("\r\n", "\n")
                .split("\n", -1)));
        while (!lines.isEmpty() && lines.getLast().isBlank()) {
            lines.removeLast();
        }
        if (lines.isEmpty()) {
            return new Parsed("the document is empty: no header row", List.of());
        }
        String headerLine = lines.getFirst();
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        List<String> header = List.of(headerLine.split("\t", -1));
        Set<String> known = Set.copyOf(fba ? FBA_COLUMNS : MFN_COLUMNS);
        Set<String> unknown = new LinkedHashSet<>(header);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            return new Parsed("unknown column(s) " + unknown + " in " + reportType, List.of());
        }
        Set<String> missing = new LinkedHashSet<>(fba ? FBA_NEEDED : MFN_NEEDED);
        header.forEach(missing::remove);
        if (!missing.isEmpty()) {
            return new Parsed("missing column(s) " + missing + " in " + reportType, List.of());
        }
        if (new LinkedHashSet<>(header).size() != header.size()) {
            return new Parsed("a column appears twice in " + reportType, List.of());
        }
        List<Item> items = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), c < cells.length ? cells[c].strip() : "");
            }
            String problem = cells.length != header.size()
                    ? "row " + (i + 1) + " has " + cells.length + " cells for " + header.size() + " columns"
                    : null;
            items.add(
                    fba
                            ? fbaRow(row, line, i + 1, problem, positions, fallbackDate)
                            : mfnRow(row, line, i + 1, problem, positions, fallbackDate));
        }
        return new Parsed(null, items);
    }

    private static Item fbaRow(
            Map<String, String> row,
            String rawLine,
            int line,
            @Nullable String shapeProblem,
            Map<String, Integer> positions,
            @Nullable Instant fallbackDate) {
        String orderId = row.getOrDefault("order-id", "");
        String sku = row.getOrDefault("sku", "");
        String lpn = row.getOrDefault("license-plate-number", "");
        String rawDate = row.getOrDefault("return-date", "");
        Instant date = date(rawDate);
        Integer quantity = quantity(row.getOrDefault("quantity", ""));
        String problem = shapeProblem != null
                ? shapeProblem
                : problem(line, orderId, sku, date, rawDate, quantity, row.get("quantity"));
        String natural = String.join("|", orderId, sku, lpn, rawDate);
        int position = positions.merge(natural, 1, Integer::sum);
        String disposition = row.getOrDefault("detailed-disposition", "");
        return item(
                new IncomingReturn(
                        problem == null
                                ? key("amazon-fba:", natural + "|" + position)
                                : "amazon-fba:bad:" + hash(position + "|" + rawLine),
                        "amazon_fba_report",
                        IncomingReturn.AMAZON,
                        IncomingReturn.AMAZON,
                        orderOrUnknown(orderId),
                        skuOrUnknown(sku),
                        quantity == null ? 0 : quantity,
                        disposition.isBlank() ? null : disposition,
                        blankToNull(row.get("reason")),
                        date != null ? date : fallback(fallbackDate),
                        lpn.isBlank() || lpn.length() > 64 ? null : lpn,
                        null,
                        null,
                        "amazon-report",
                        false),
                problem);
    }

    private static Item mfnRow(
            Map<String, String> row,
            String rawLine,
            int line,
            @Nullable String shapeProblem,
            Map<String, Integer> positions,
            @Nullable Instant fallbackDate) {
        String orderId = row.getOrDefault("Order ID", "");
        String sku = row.getOrDefault("Merchant SKU", "");
        String rma = row.getOrDefault("Amazon RMA ID", "");
        String delivered = row.getOrDefault("Return delivery date", "");
        String rawDate = delivered.isBlank() ? row.getOrDefault("Return request date", "") : delivered;
        Instant date = date(rawDate);
        Integer quantity = quantity(row.getOrDefault("Return quantity", ""));
        String problem = shapeProblem != null
                ? shapeProblem
                : problem(line, orderId, sku, date, rawDate, quantity, row.get("Return quantity"));
        String natural = String.join("|", orderId, rma, sku);
        int position = positions.merge(natural, 1, Integer::sum);
        BigDecimal unitValue = null;
        try {
            String amount = row.getOrDefault("Order Amount", "");
            String units = row.getOrDefault("Order quantity", "");
            if (!amount.isBlank() && !units.isBlank() && Integer.parseInt(units) > 0) {
                unitValue = new BigDecimal(amount).divide(new BigDecimal(units), 2, java.math.RoundingMode.HALF_UP);
                if (unitValue.signum() < 0 || unitValue.compareTo(MAX_VALUE) > 0) {
                    // Not a price: the claim says "value not reported" rather than store nonsense.
                    unitValue = null;
                }
            }
        } catch (NumberFormatException | ArithmeticException notAValue) {
            unitValue = null;
        }
        String currency = row.getOrDefault("Currency code", "");
        return item(
                new IncomingReturn(
                        problem == null
                                ? key("amazon-mfn:", natural + "|" + position)
                                : "amazon-mfn:bad:" + hash(position + "|" + rawLine),
                        "amazon_mfn_report",
                        IncomingReturn.AMAZON,
                        IncomingReturn.MERCHANT,
                        orderOrUnknown(orderId),
                        skuOrUnknown(sku),
                        quantity == null ? 0 : quantity,
                        null,
                        blankToNull(row.get("Return Reason")),
                        date != null ? date : fallback(fallbackDate),
                        null,
                        unitValue,
                        currency.matches("[A-Z]{3}") ? currency : null,
                        "amazon-report",
                        problem == null),
                problem);
    }

    /** The key as it is, or hashed when a long cell (a license plate number, say) would make it too long to store. */
    static String key(String prefix, String natural) {
        String key = prefix + natural;
        return key.length() <= 300 ? key : prefix + "sha256:" + hash(natural);
    }

    private static Item item(IncomingReturn incoming, @Nullable String problem) {
        return new Item(incoming, problem);
    }

    private static @Nullable String problem(
            int line,
            String orderId,
            String sku,
            @Nullable Instant date,
            String rawDate,
            @Nullable Integer quantity,
            @Nullable String rawQuantity) {
        if (orderId.isBlank() || orderId.length() > 100) {
            return "row " + line + ": no usable order id";
        }
        if (sku.isBlank() || sku.length() > 100) {
            return "row " + line + ": no usable SKU";
        }
        if (date == null) {
            return "row " + line + ": bad return date '" + truncate(rawDate) + "'";
        }
        if (quantity == null) {
            return "row " + line + ": bad quantity '" + truncate(rawQuantity == null ? "" : rawQuantity) + "'";
        }
        return null;
    }

    static @Nullable Instant date(String raw) {
        if (raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDate.parse(raw).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static @Nullable Integer quantity(String raw) {
        try {
            int quantity = Integer.parseInt(raw);
            return quantity >= 1 && quantity <= 1_000_000 ? quantity : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static Instant fallback(@Nullable Instant fallbackDate) {
        return fallbackDate != null ? fallbackDate : Instant.EPOCH;
    }

    private static String orderOrUnknown(String orderId) {
        return orderId.isBlank() ? "unknown" : orderId.length() > 100 ? orderId.substring(0, 100) : orderId;
    }

    private static String skuOrUnknown(String sku) {
        return sku.isBlank() ? "unknown" : sku.length() > 100 ? sku.substring(0, 100) : sku;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String truncate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40);
    }

    private static String hash(String value) {
        try {
            return HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required by every JDK", impossible);
        }
    }
}

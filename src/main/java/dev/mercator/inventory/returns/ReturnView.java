package dev.mercator.inventory.returns;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A return as the API shows it. */
public record ReturnView(
        UUID id,
        String origin,
        String channel,
        String fulfilledBy,
        String orderId,
        String sku,
        int quantity,
        @Nullable String reportedDisposition,
        @Nullable String disposition,
        String status,
        @Nullable String reason,
        @Nullable String licensePlateNumber,
        @Nullable BigDecimal unitValue,
        @Nullable String currency,
        Instant returnedAt,
        @Nullable Instant claimBy,
        @Nullable String heldReason,
        Instant receivedAt,
        @Nullable Instant inspectedAt,
        /** Who recorded it or, once inspected, who inspected it: an API key, a report, a Shopify disposition. */
        String actor) {

    static final String COLUMNS = """
            id, origin, channel, fulfilled_by, order_id, sku, quantity, reported_disposition, disposition, status,
            reason, license_plate, unit_value, currency, returned_at, claim_by, held_reason, received_at, inspected_at,
            actor""";

    static ReturnView of(ResultSet rs, int row) throws SQLException {
        return new ReturnView(
                rs.getObject("id", UUID.class),
                rs.getString("origin"),
                rs.getString("channel"),
                rs.getString("fulfilled_by"),
                rs.getString("order_id"),
                rs.getString("sku"),
                rs.getInt("quantity"),
                rs.getString("reported_disposition"),
                rs.getString("disposition"),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getString("license_plate"),
                rs.getBigDecimal("unit_value"),
                rs.getString("currency"),
                rs.getTimestamp("returned_at").toInstant(),
                instant(rs.getTimestamp("claim_by")),
                rs.getString("held_reason"),
                rs.getTimestamp("received_at").toInstant(),
                instant(rs.getTimestamp("inspected_at")),
                rs.getString("actor"));
    }

    boolean fba() {
        return IncomingReturn.AMAZON.equals(fulfilledBy);
    }

    private static @Nullable Instant instant(@Nullable Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}

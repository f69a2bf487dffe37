package dev.mercator.inventory.sync;

import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.platform.MerchantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads the columns the push pass and the verifier both select: an outbox row ({@code c.*}) joined to its SKU's
 * mapping ({@code m.*}).
 */
final class OutboxRows {

    private OutboxRows() {}

    static MerchantId merchant(ResultSet rs) throws SQLException {
        return new MerchantId(rs.getObject("merchant_id", UUID.class));
    }

    /** What the channel last confirmed, null if it never did. */
    static @Nullable Integer lastBroadcast(ResultSet rs) throws SQLException {
        int last = rs.getInt("last_broadcast");
        return rs.wasNull() ? null : last;
    }

    /** The SKU as the channel knows it, from its mapping. */
    static PushTarget target(ResultSet rs) throws SQLException {
        return new PushTarget(
                rs.getString("sku"),
                rs.getString("asin"),
                rs.getString("amazon_seller_sku"),
                rs.getString("shopify_inventory_item_id"),
                rs.getString("shopify_location_id"));
    }
}

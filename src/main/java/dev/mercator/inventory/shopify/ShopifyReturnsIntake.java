package dev.mercator.inventory.shopify;

import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.returns.IncomingReturn;
import dev.mercator.inventory.returns.Returns;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.web.ApiProblem;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shopify's {@code reverse_fulfillment_orders/dispose} webhook into returns (ADR 23): each disposition of a reverse
 * fulfillment order line item becomes one return, routed like every other: RESTOCKED restocks physical once through
 * the ledger (as a Shopify event, since Shopify restocked its own level), NOT_RESTOCKED and MISSING are written off,
 * PROCESSING_REQUIRED waits for inspection. The payload names the order's line item, not the order or the SKU: both
 * come from the ledger's record of that line's sale, so a line Mercator never saw is held, never guessed. A delivery is
 * recorded in one transaction, keyed by its event id and position, so a redelivery changes nothing.
 */
@Component
class ShopifyReturnsIntake {

    static final String TOPIC = "reverse_fulfillment_orders/dispose";

    private final Returns returns;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    ShopifyReturnsIntake(Returns returns, JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.returns = returns;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    private record Sold(String orderId, String sku) {}

    @Transactional
    Map<String, String> receive(ChannelAccounts.ShopifyAccount account, String eventId, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException unreadable) {
            throw ApiProblem.badRequest("The body is not JSON");
        }
        JsonNode dispositions = root.path("dispositions");
        if (!dispositions.isArray()) {
            throw ApiProblem.badRequest("A reverse_fulfillment_orders/dispose payload has dispositions");
        }
        MerchantId merchant = account.merchant();
        String shop = account.shopDomain();
        int recorded = 0;
        for (int i = 0; i < dispositions.size(); i++) {
            JsonNode disposition = dispositions.get(i);
            JsonNode rfoLine = disposition.path("reverse_fulfillment_order_line_item");
            String lineItemId =
                    id(rfoLine.path("fulfillment_line_item").path("line_item").path("id"));
            String type = disposition.path("type").asString("").toUpperCase(Locale.ROOT);
            int quantity = disposition.path("quantity").asInt(0);
            Optional<Sold> sold = lineItemId.isEmpty() ? Optional.empty() : sold(merchant, shop, lineItemId);
            String hold = null;
            if (sold.isEmpty()) {
                hold = "Shopify line item " + (lineItemId.isEmpty() ? "(none)" : lineItemId)
                        + " belongs to an order Mercator never saw";
            } else if (quantity < 1) {
                hold = "Shopify disposed " + quantity + " unit(s)";
            }
            IncomingReturn incoming = new IncomingReturn(
                    "shopify:" + shop + ":dispose:" + eventId + ":" + i,
                    IncomingReturn.SHOPIFY,
                    IncomingReturn.SHOPIFY,
                    IncomingReturn.MERCHANT,
                    sold.map(Sold::orderId).orElse("unknown"),
                    sold.map(Sold::sku).orElse("unknown"),
                    Math.max(quantity, 0),
                    // Processing required: Shopify does not know yet either; the merchant inspects it.
                    type.equals("PROCESSING_REQUIRED") ? null : type,
                    null,
                    clock.instant(),
                    null,
                    null,
                    null,
                    "shopify:" + shop,
                    sold.isPresent());
            if (!returns.record(merchant, incoming, hold).duplicate()) {
                recorded++;
            }
        }
        return Map.of("status", recorded == 0 ? "duplicate" : "applied");
    }

    /** The order and SKU of a line item whose sale the ledger recorded (or keeps waiting for its SKU). */
    private Optional<Sold> sold(MerchantId merchant, String shop, String lineItemId) {
        String pattern = "shopify:" + shop + ":order:%:line:" + lineItemId;
        return jdbc.sql("""
                        select source_event_id, sku from (
                            select source_event_id, sku, id as n from inventory_ledger
                            where merchant_id = :merchant and source_event_id like :pattern
                            union all
                            select source_event_id, ref_value as sku, 0 as n from inventory_unmapped
                            where merchant_id = :merchant and source_event_id like :pattern) sales
                        order by n limit 1""")
                .param("merchant", merchant.value())
                .param("pattern", pattern)
                .query((rs, n) -> {
                    String event = rs.getString("source_event_id");
                    String rest = event.substring(("shopify:" + shop + ":order:").length());
                    return new Sold(rest.substring(0, rest.indexOf(":line:")), rs.getString("sku"));
                })
                .optional();
    }

    private static String id(JsonNode node) {
        return node.isNumber() ? Long.toString(node.asLong()) : node.isString() ? node.asString() : "";
    }
}

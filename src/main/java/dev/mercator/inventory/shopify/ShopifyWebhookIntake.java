package dev.mercator.inventory.shopify;

import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.ledger.InventoryLedger;
import dev.mercator.inventory.ledger.InventorySettings;
import dev.mercator.inventory.ledger.StockChange;
import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Records a verified delivery and applies its effects in one transaction. */
@Component
class ShopifyWebhookIntake {

    private static final Logger log = LoggerFactory.getLogger(ShopifyWebhookIntake.class);

    enum Outcome {
        APPLIED,
        DUPLICATE,
        DEFERRED,
        IGNORED
    }

    private final JdbcClient jdbc;
    private final InventoryLedger ledger;
    private final InventorySettings settings;
    private final JsonMapper json;
    private final ShopifyWrites writes;
    private final ShopifyLevels levels;
    private final Clock clock;

    ShopifyWebhookIntake(
            JdbcClient jdbc,
            InventoryLedger ledger,
            InventorySettings settings,
            JsonMapper json,
            ShopifyWrites writes,
            ShopifyLevels levels,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.settings = settings;
        this.json = json;
        this.writes = writes;
        this.levels = levels;
        this.clock = clock;
    }

    @Transactional
    Outcome accept(ChannelAccounts.ShopifyAccount account, String topic, String eventId, byte[] body) {
        MerchantId merchant = account.merchant();
        Instant now = clock.instant();
        // First write of the transaction: a concurrent duplicate blocks here until this one commits, then inserts
        // nothing. If anything below fails, this row rolls back too and Shopify's retry is processed afresh.
        int fresh = jdbc.sql("""
                        insert into inventory_deliveries (merchant_id, source, delivery_id, received_at)
                        values (:merchant, 'shopify', :event, :now) on conflict do nothing""")
                .param("merchant", merchant.value())
                .param("event", eventId)
                .param("now", Timestamp.from(now))
                .update();
        if (fresh == 0) {
            return Outcome.DUPLICATE;
        }
        ShopifyEvents events = new ShopifyEvents(account.shopDomain(), settings.maxQuantity());
        return switch (topic) {
            case "orders/create" -> apply(merchant, events.orderCreated(parse(body)));
            case "orders/cancelled" -> apply(merchant, events.orderCancelled(parse(body)));
            case "refunds/create" -> apply(merchant, events.refundCreated(parse(body)));
            case "inventory_levels/update" -> levelReport(merchant, eventId, parse(body), now);
            default -> {
                log.info("Ignoring Shopify webhook topic {} from {}", topic, account.shopDomain());
                yield Outcome.IGNORED;
            }
        };
    }

    private Outcome apply(MerchantId merchant, List<StockChange> changes) {
        List<InventoryLedger.Result> results = ledger.apply(merchant, changes);
        return results.stream().allMatch(r -> r.outcome() == InventoryLedger.Outcome.DUPLICATE)
                ? Outcome.DUPLICATE
                : Outcome.APPLIED;
    }

    /**
     * An inventory level report changes nothing by itself (ADR 10): it is kept, and unless it is the echo of a
     * quantity Mercator wrote, the item's check is asked for, in this transaction. The check holds Shopify's level
     * against what Mercator can explain, so when the report arrived, and in what order, does not matter.
     */
    private Outcome levelReport(MerchantId merchant, String eventId, JsonNode level, Instant now) {
        String item = ShopifyEvents.id(level, "inventory_item_id");
        JsonNode available = level.path("available");
        if (available.isNull()) {
            // Untracked item: Shopify reports no quantity, so there is nothing to reconcile.
            return Outcome.IGNORED;
        }
        if (!available.isIntegralNumber()
                || available.asLong() < -settings.maxQuantity()
                || available.asLong() > settings.maxQuantity()) {
            throw ShopifyEvents.malformed("'available' must be a whole number within range");
        }
        Optional<String> sku = jdbc.sql("""
                        select sku from inventory_mappings
                        where merchant_id = :merchant and shopify_inventory_item_id = :item""")
                .param("merchant", merchant.value())
                .param("item", item)
                .query(String.class)
                .optional();
        String outcome;
        if (sku.isEmpty()) {
            outcome = "unmapped";
        } else if (writes.consumeEcho(merchant, item, available.asInt(), now)) {
            outcome = "echo";
        } else {
            levels.signal(merchant, item, sku.get());
            outcome = "check";
        }
        jdbc.sql("""
                        insert into inventory_level_reports (id, merchant_id, inventory_item_id, location_id, available,
                            event_id, reported_at, received_at, due_at, processed_at, outcome)
                        values (:id, :merchant, :item, :location, :available, :event, :reportedAt, :now, :now, :now,
                            :outcome)""")
                .param("id", UUID.randomUUID())
                .param("merchant", merchant.value())
                .param("item", item)
                .param("location", ShopifyEvents.nullable(level, "location_id"))
                .param("available", available.asInt())
                .param("event", eventId)
                .param("reportedAt", timestamp(ShopifyEvents.nullable(level, "updated_at")))
                .param("now", Timestamp.from(now))
                .param("outcome", outcome)
                .update();
        return Outcome.DEFERRED;
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw ShopifyEvents.malformed("The webhook body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw ShopifyEvents.malformed("The webhook body is not valid JSON");
        }
    }

    private static @Nullable Timestamp timestamp(@Nullable String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Timestamp.from(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a verified delivery (in the request's thread) and records it with its effects (in its group's transaction, see
 * {@link WebhookGroupCommit}).
 */
@Component
class ShopifyWebhookIntake {

    private static final Logger log = LoggerFactory.getLogger(ShopifyWebhookIntake.class);

    enum Outcome {
        APPLIED,
        DUPLICATE,
        DEFERRED,
        IGNORED
    }

    /** A verified webhook, parsed before it is queued, so a committer only writes and a malformed body fails alone. */
    record Delivery(ChannelAccounts.ShopifyAccount account, String topic, String eventId, Content content) {}

    sealed interface Content {}

    record Changes(List<StockChange> changes) implements Content {}

    record LevelReport(JsonNode level) implements Content {}

    record Unhandled() implements Content {}

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final InventoryLedger ledger;
    private final InventorySettings settings;
    private final JsonMapper json;
    private final ShopifyWrites writes;
    private final ShopifyLevels levels;
    private final Clock clock;

    ShopifyWebhookIntake(
            JdbcClient jdbc,
            NamedParameterJdbcTemplate batches,
            InventoryLedger ledger,
            InventorySettings settings,
            JsonMapper json,
            ShopifyWrites writes,
            ShopifyLevels levels,
            Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.ledger = ledger;
        this.settings = settings;
        this.json = json;
        this.writes = writes;
        this.levels = levels;
        this.clock = clock;
    }

    Delivery read(ChannelAccounts.ShopifyAccount account, String topic, String eventId, byte[] body) {
        ShopifyEvents events = new ShopifyEvents(account.shopDomain(), settings.maxQuantity());
        Content content = switch (topic) {
            case "orders/create" -> new Changes(events.orderCreated(parse(body)));
            case "orders/cancelled" -> new Changes(events.orderCancelled(parse(body)));
            case "refunds/create" -> new Changes(events.refundCreated(parse(body)));
            case "inventory_levels/update" -> new LevelReport(parse(body));
            default -> new Unhandled();
        };
        return new Delivery(account, topic, eventId, content);
    }

    /**
     * Records a group of deliveries in the caller's transaction and returns their outcomes in the same order. Each
     * delivery's row is written first: a concurrent duplicate blocks on it until this group commits, then inserts
     * nothing. If anything fails, the whole group rolls back and its deliveries are recorded again one by one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Outcome> record(List<Delivery> group) {
        Instant now = clock.instant();
        int[] fresh = insertDeliveries(group, now);
        Outcome[] outcomes = new Outcome[group.size()];
        Map<MerchantId, List<Integer>> orders = new TreeMap<>(Comparator.comparing(MerchantId::value));
        for (int i = 0; i < group.size(); i++) {
            Delivery delivery = group.get(i);
            MerchantId merchant = delivery.account().merchant();
            if (fresh[i] == 0) {
                outcomes[i] = Outcome.DUPLICATE;
                continue;
            }
            switch (delivery.content()) {
                case Changes changes ->
                    orders.computeIfAbsent(merchant, m -> new ArrayList<>()).add(i);
                case LevelReport(JsonNode level) -> outcomes[i] = levelReport(merchant, delivery.eventId(), level, now);
                case Unhandled() -> {
                    log.info(
                            "Ignoring Shopify webhook topic {} from {}",
                            delivery.topic(),
                            delivery.account().shopDomain());
                    outcomes[i] = Outcome.IGNORED;
                }
            }
        }
        // Merchant by merchant in one order, each merchant's SKUs in SKU order: groups never wait on each other in a
        // cycle.
        orders.forEach((merchant, indexes) -> {
            List<List<StockChange>> changes = indexes.stream()
                    .map(i -> ((Changes) group.get(i).content()).changes())
                    .toList();
            List<List<InventoryLedger.Result>> results = ledger.applyGroup(merchant, changes);
            for (int k = 0; k < indexes.size(); k++) {
                outcomes[indexes.get(k)] =
                        results.get(k).stream().allMatch(r -> r.outcome() == InventoryLedger.Outcome.DUPLICATE)
                                ? Outcome.DUPLICATE
                                : Outcome.APPLIED;
            }
        });
        return List.of(outcomes);
    }

    private int[] insertDeliveries(List<Delivery> group, Instant now) {
        SqlParameterSource[] rows = group.stream()
                .map(delivery -> new MapSqlParameterSource()
                        .addValue("merchant", delivery.account().merchant().value())
                        .addValue("event", delivery.eventId())
                        .addValue("now", Timestamp.from(now)))
                .toArray(SqlParameterSource[]::new);
        String insert = """
                insert into inventory_deliveries (merchant_id, source, delivery_id, received_at)
                values (:merchant, 'shopify', :event, :now) on conflict do nothing""";
        if (rows.length == 1) {
            return new int[] {jdbc.sql(insert).paramSource(rows[0]).update()};
        }
        int[] inserted = batches.batchUpdate(insert, rows);
        for (int count : inserted) {
            if (count != 0 && count != 1) {
                // A driver that rewrites batches (pgjdbc's reWriteBatchedInserts) hides which delivery is new.
                throw new IllegalStateException("The JDBC driver must report each delivery's row count");
            }
        }
        return inserted;
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

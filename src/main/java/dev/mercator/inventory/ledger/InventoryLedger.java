package dev.mercator.inventory.ledger;

import dev.mercator.inventory.StockChanged;
import dev.mercator.inventory.StockSource;
import dev.mercator.inventory.sync.ChannelOutbox;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.web.ApiProblem;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies changes to physical counts exactly once. Each change locks its SKU row, checks the ledger for its source
 * event id, appends one ledger row, updates the count and marks every channel whose broadcast now differs from what it
 * last confirmed as dirty: all in the caller's transaction, so a change is either wholly recorded (and will be
 * pushed) or not at all. Changes to several SKUs lock them in SKU order, so two orders touching the same SKUs cannot
 * deadlock.
 */
@Component
public class InventoryLedger {

    private static final String LEDGER_ENTRY = """
            insert into inventory_ledger (merchant_id, sku, source, source_event_id, delta,
                physical_before, physical_after, reason, actor, created_at)
            values (:merchant, :sku, :source, :event, :delta, :before, :after, :reason, :actor, :now)""";

    private static final String SET_PHYSICAL =
            "update inventory_skus set physical = :after, updated_at = :now where merchant_id = :merchant and sku = :sku";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final ChannelOutbox outbox;
    private final SkuResolver resolver;
    private final InventorySettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InventoryLedger(
            JdbcClient jdbc,
            NamedParameterJdbcTemplate batches,
            ChannelOutbox outbox,
            SkuResolver resolver,
            InventorySettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.outbox = outbox;
        this.resolver = resolver;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    public enum Outcome {
        APPLIED,
        DUPLICATE,
        UNMAPPED
    }

    public record Result(Outcome outcome, String sku, int physicalBefore, int physicalAfter) {}

    /** Applies several changes (the lines of one order, say) atomically, in SKU order. */
    @Transactional
    public List<Result> apply(MerchantId merchant, List<StockChange> changes) {
        record Resolved(StockChange change, Optional<String> sku) {}
        List<Resolved> resolved = new ArrayList<>();
        for (StockChange change : changes) {
            validate(change);
            resolved.add(new Resolved(change, resolver.resolve(merchant, change.ref())));
        }
        resolved.sort(Comparator.comparing(r -> r.sku().orElse("")));
        List<Result> results = new ArrayList<>();
        for (Resolved r : resolved) {
            results.add(
                    r.sku().isPresent()
                            ? applyToSku(merchant, r.sku().get(), r.change())
                            : keepUnmapped(merchant, r.change()));
        }
        return results;
    }

    /**
     * Applies the changes of several orders of one merchant (a group of webhooks committed together) with the same
     * rules as {@link #apply(MerchantId, List)}, in as few statements as the group allows: the group's SKUs are locked
     * in one statement (in SKU order, so two groups cannot deadlock on them), the ledger is asked once which of its
     * events it already holds, the counts are worked out in memory in the group's order, and the ledger rows, counts
     * and outbox marks are written as batches. The results come per order, in order.
     */
    @Transactional
    public List<List<Result>> applyGroup(MerchantId merchant, List<List<StockChange>> orders) {
        record Resolved(StockChange change, Optional<String> sku) {}
        List<List<Resolved>> resolved = new ArrayList<>();
        Set<String> skus = new TreeSet<>();
        Set<String> eventIds = new HashSet<>();
        for (List<StockChange> changes : orders) {
            List<Resolved> order = new ArrayList<>();
            for (StockChange change : changes) {
                validate(change);
                Optional<String> sku = resolver.resolve(merchant, change.ref());
                sku.ifPresent(skus::add);
                eventIds.add(change.sourceEventId());
                order.add(new Resolved(change, sku));
            }
            resolved.add(order);
        }
        Map<String, Integer> physical = new HashMap<>();
        if (!skus.isEmpty()) {
            jdbc.sql("""
                            select sku, physical from inventory_skus where merchant_id = :merchant and sku in (:skus)
                            order by sku for update""")
                    .param("merchant", merchant.value())
                    .param("skus", List.copyOf(skus))
                    .query((rs, n) -> Map.entry(rs.getString("sku"), rs.getInt("physical")))
                    .list()
                    .forEach(row -> physical.put(row.getKey(), row.getValue()));
        }
        // Asked under the SKUs' locks, as in applyToSku: a concurrent duplicate has committed by now. An order with no
        // stock changes (a cancellation without restock) asks nothing: "in ()" is not SQL.
        Set<String> seen = eventIds.isEmpty()
                ? new HashSet<>()
                : new HashSet<>(jdbc.sql("""
                                select source_event_id from inventory_ledger
                                where merchant_id = :merchant and source_event_id in (:events)""")
                        .param("merchant", merchant.value())
                        .param("events", List.copyOf(eventIds))
                        .query(String.class)
                        .list());
        Instant now = clock.instant();
        List<SqlParameterSource> entries = new ArrayList<>();
        Map<String, Integer> changed = new TreeMap<>();
        List<StockChanged> applied = new ArrayList<>();
        List<List<Result>> results = new ArrayList<>();
        for (List<Resolved> changes : resolved) {
            List<Result> order = new ArrayList<>();
            for (Resolved r : changes) {
                StockChange change = r.change();
                String sku = r.sku().orElse(null);
                if (sku == null || !physical.containsKey(sku)) {
                    // No such SKU (or it went since it was resolved): kept as unmapped, as apply does.
                    order.add(keepUnmapped(merchant, change));
                    continue;
                }
                int before = physical.get(sku);
                if (!seen.add(change.sourceEventId())) {
                    order.add(new Result(Outcome.DUPLICATE, sku, before, before));
                    continue;
                }
                int after = after(sku, before, change);
                entries.add(new MapSqlParameterSource()
                        .addValue("merchant", merchant.value())
                        .addValue("sku", sku)
                        .addValue("source", change.source().id())
                        .addValue("event", change.sourceEventId())
                        .addValue("delta", after - before)
                        .addValue("before", before)
                        .addValue("after", after)
                        .addValue("reason", truncate(change.reason(), 200))
                        .addValue("actor", truncate(change.actor(), 200))
                        .addValue("now", Timestamp.from(now)));
                physical.put(sku, after);
                changed.put(sku, after);
                applied.add(new StockChanged(
                        merchant, sku, before, after, change.source(), change.reason(), change.occurredAt()));
                order.add(new Result(Outcome.APPLIED, sku, before, after));
            }
            results.add(order);
        }
        if (!entries.isEmpty()) {
            batches.batchUpdate(LEDGER_ENTRY, entries.toArray(SqlParameterSource[]::new));
            batches.batchUpdate(
                    SET_PHYSICAL,
                    changed.entrySet().stream()
                            .map(sku -> new MapSqlParameterSource()
                                    .addValue("after", sku.getValue())
                                    .addValue("now", Timestamp.from(now))
                                    .addValue("merchant", merchant.value())
                                    .addValue("sku", sku.getKey()))
                            .toArray(SqlParameterSource[]::new));
            outbox.markDirty(merchant, changed, now);
            applied.forEach(events::publishEvent);
        }
        return results;
    }

    @Transactional
    public Result apply(MerchantId merchant, StockChange change) {
        return apply(merchant, List.of(change)).getFirst();
    }

    /**
     * Creates the SKU (physical 0, a channel row per channel) if it does not exist, then applies the change to it.
     * Events that arrived for the SKU before it existed are applied afterwards, in arrival order.
     */
    @Transactional
    public Result createOrApply(MerchantId merchant, String sku, StockChange change) {
        validate(change);
        Instant now = clock.instant();
        boolean created = jdbc.sql("""
                        insert into inventory_skus (merchant_id, sku, physical, created_at, updated_at)
                        values (:merchant, :sku, 0, :now, :now)
                        on conflict do nothing""")
                        .param("merchant", merchant.value())
                        .param("sku", sku)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
        if (created) {
            outbox.open(merchant, sku);
        }
        Result result = applyToSku(merchant, sku, change);
        if (created) {
            applyPendingFor(merchant, sku);
        }
        return result;
    }

    /** Applies kept events that name this SKU (directly or through its mapping), oldest first. */
    @Transactional
    public int applyPendingFor(MerchantId merchant, String sku) {
        List<PendingEvent> pending = jdbc.sql("""
                        select u.id, u.source, u.source_event_id, u.change_kind, u.amount, u.reason, u.actor,
                               u.occurred_at
                        from inventory_unmapped u
                        left join inventory_mappings m on m.merchant_id = u.merchant_id and m.sku = :sku
                        where u.merchant_id = :merchant and u.applied_at is null
                          and ((u.ref_kind = 'SKU' and u.ref_value = :sku)
                            or (u.ref_kind = 'SHOPIFY_INVENTORY_ITEM' and u.ref_value = m.shopify_inventory_item_id)
                            or (u.ref_kind = 'AMAZON_SELLER_SKU'
                                and u.ref_value = coalesce(m.amazon_seller_sku, :sku)))
                        order by u.received_at, u.id""")
                .param("merchant", merchant.value())
                .param("sku", sku)
                .query((rs, n) -> new PendingEvent(
                        rs.getObject("id", UUID.class),
                        new StockChange(
                                StockChange.ItemRef.sku(sku),
                                StockChange.Kind.valueOf(rs.getString("change_kind")),
                                rs.getInt("amount"),
                                StockSource.of(rs.getString("source")),
                                rs.getString("source_event_id"),
                                rs.getString("reason"),
                                rs.getString("actor"),
                                nullableInstant(rs.getTimestamp("occurred_at")))))
                .list();
        boolean exists = jdbc.sql("select count(*) from inventory_skus where merchant_id = :merchant and sku = :sku")
                        .param("merchant", merchant.value())
                        .param("sku", sku)
                        .query(Integer.class)
                        .single()
                > 0;
        if (!exists) {
            return 0;
        }
        for (PendingEvent event : pending) {
            applyToSku(merchant, sku, event.change());
            jdbc.sql("update inventory_unmapped set applied_at = :now where id = :id")
                    .param("now", Timestamp.from(clock.instant()))
                    .param("id", event.id())
                    .update();
        }
        return pending.size();
    }

    private record PendingEvent(UUID id, StockChange change) {}

    private int after(String sku, int before, StockChange change) {
        int after = change.kind() == StockChange.Kind.SET ? change.amount() : Math.addExact(before, change.amount());
        if (Math.abs((long) after) > settings.maxQuantity()) {
            throw ApiProblem.badRequest("The resulting count " + after + " for SKU " + sku + " is out of range");
        }
        return after;
    }

    private Result applyToSku(MerchantId merchant, String sku, StockChange change) {
        Integer before = jdbc.sql(
                        "select physical from inventory_skus where merchant_id = :merchant and sku = :sku for update")
                .param("merchant", merchant.value())
                .param("sku", sku)
                .query(Integer.class)
                .optional()
                .orElse(null);
        if (before == null) {
            return keepUnmapped(merchant, change);
        }
        // Checked under the SKU's row lock: a concurrent duplicate waits here and then sees the first one's row.
        boolean seen = jdbc.sql("""
                        select count(*) from inventory_ledger
                        where merchant_id = :merchant and source_event_id = :event""")
                        .param("merchant", merchant.value())
                        .param("event", change.sourceEventId())
                        .query(Integer.class)
                        .single()
                > 0;
        if (seen) {
            return new Result(Outcome.DUPLICATE, sku, before, before);
        }
        int after = after(sku, before, change);
        Instant now = clock.instant();
        jdbc.sql(LEDGER_ENTRY)
                .param("merchant", merchant.value())
                .param("sku", sku)
                .param("source", change.source().id())
                .param("event", change.sourceEventId())
                .param("delta", after - before)
                .param("before", before)
                .param("after", after)
                .param("reason", truncate(change.reason(), 200))
                .param("actor", truncate(change.actor(), 200))
                .param("now", Timestamp.from(now))
                .update();
        jdbc.sql(SET_PHYSICAL)
                .param("after", after)
                .param("now", Timestamp.from(now))
                .param("merchant", merchant.value())
                .param("sku", sku)
                .update();
        outbox.markDirty(merchant, sku, after, now);
        events.publishEvent(
                new StockChanged(merchant, sku, before, after, change.source(), change.reason(), change.occurredAt()));
        return new Result(Outcome.APPLIED, sku, before, after);
    }

    /**
     * Marks the SKU's channels for push again if what they should offer changed without physical changing (the
     * unexplained part of its Shopify level moved, ADR 10).
     */
    public void reconsider(MerchantId merchant, String sku) {
        outbox.reconsider(merchant, sku);
    }

    private Result keepUnmapped(MerchantId merchant, StockChange change) {
        jdbc.sql("""
                        insert into inventory_unmapped (id, merchant_id, source, source_event_id, ref_kind, ref_value,
                            change_kind, amount, reason, actor, received_at, occurred_at)
                        values (:id, :merchant, :source, :event, :refKind, :ref, :kind, :amount, :reason, :actor, :now,
                            :occurredAt)
                        on conflict do nothing""")
                .param("id", UUID.randomUUID())
                .param("merchant", merchant.value())
                .param("source", change.source().id())
                .param("event", change.sourceEventId())
                .param("refKind", change.ref().kind().name())
                .param("ref", truncate(change.ref().value(), 100))
                .param("kind", change.kind().name())
                .param("amount", change.amount())
                .param("reason", truncate(change.reason(), 200))
                .param("actor", truncate(change.actor(), 200))
                .param("now", Timestamp.from(clock.instant()))
                .param("occurredAt", change.occurredAt() == null ? null : Timestamp.from(change.occurredAt()))
                .update();
        return new Result(Outcome.UNMAPPED, change.ref().value(), 0, 0);
    }

    private void validate(StockChange change) {
        if (Math.abs((long) change.amount()) > settings.maxQuantity()) {
            throw ApiProblem.badRequest(
                    "Quantity " + change.amount() + " is out of range (at most " + settings.maxQuantity() + ")");
        }
        if (change.kind() == StockChange.Kind.SET && change.amount() < 0) {
            throw ApiProblem.badRequest("A physical count cannot be negative");
        }
        if (change.sourceEventId().isBlank() || change.sourceEventId().length() > 200) {
            throw new IllegalArgumentException("source event id must be 1..200 characters");
        }
    }

    private static @org.jspecify.annotations.Nullable Instant nullableInstant(
            @org.jspecify.annotations.Nullable Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}

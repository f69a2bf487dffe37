package dev.mercator.inventory.returns;

import dev.mercator.audit.AuditedChange;
import dev.mercator.inventory.StockSource;
import dev.mercator.inventory.ledger.InventoryLedger;
import dev.mercator.inventory.ledger.StockChange;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records each return once and routes it by where it is and the state it came back in (ADR 23). The row, its ledger
 * restock and its alert are written in one transaction: a return is wholly routed or not recorded at all, and a second
 * report of it (same dedup key) changes nothing. A sellable merchant-fulfilled return restocks through the ledger with
 * the source event id {@code return:<id>}, so even two routings of one return could add its units only once; FBA returns
 * never reach the ledger.
 */
@Component
public class Returns {

    private final JdbcClient jdbc;
    private final InventoryLedger ledger;
    private final ReturnAlerts alerts;
    private final ReturnsSettings settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Returns(
            JdbcClient jdbc,
            InventoryLedger ledger,
            ReturnAlerts alerts,
            ReturnsSettings settings,
            Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.alerts = alerts;
        this.settings = settings;
        this.clock = clock;
    }

    /** The return as stored, and whether it had been recorded before (nothing was routed this time). */
    public record Recorded(ReturnView view, boolean duplicate) {}

    private record Route(
            ReturnStatus status,
            @Nullable Disposition disposition,
            @Nullable String heldReason) {}

    /**
     * Records and routes a return, or finds it if its dedup key was seen. {@code holdReason}, if given, holds it
     * whatever its disposition (a report row that could not be trusted).
     *
     * @throws ApiProblem 400 if it returns more units of the order's SKU than the order had (checked orders only)
     */
    @Transactional
    public Recorded record(MerchantId merchant, IncomingReturn in, @Nullable String holdReason) {
        String key = bounded(in.dedupKey());
        Optional<ReturnView> existing = byKey(merchant, key);
        if (existing.isPresent()) {
            return new Recorded(existing.get(), true);
        }
        String hold = holdReason;
        if (hold == null && in.orderChecked()) {
            hold = orderProblem(merchant, in);
        }
        Route route =
                hold != null ? new Route(ReturnStatus.HELD, null, hold) : route(in.fba(), in.reportedDisposition());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                        insert into inventory_returns (id, merchant_id, dedup_key, origin, channel, fulfilled_by,
                            order_id, sku, quantity, reported_disposition, disposition, status, reason, license_plate,
                            unit_value, currency, returned_at, claim_by, held_reason, received_at, actor)
                        values (:id, :merchant, :key, :origin, :channel, :fulfilledBy, :orderId, :sku, :quantity,
                            :reported, :disposition, :status, :reason, :lpn, :unitValue, :currency, :returnedAt,
                            :claimBy, :held, :now, :actor)
                        on conflict do nothing""")
                .param("id", id)
                .param("merchant", merchant.value())
                .param("key", key)
                .param("origin", in.origin())
                .param("channel", in.channel())
                .param("fulfilledBy", in.fulfilledBy())
                .param("orderId", in.orderId())
                .param("sku", in.sku())
                .param("quantity", in.quantity())
                .param("reported", truncate(in.reportedDisposition(), 64))
                .param(
                        "disposition",
                        route.disposition() == null ? null : route.disposition().id())
                .param("status", route.status().id())
                .param("reason", truncate(in.reason(), 200))
                .param("lpn", in.licensePlate())
                .param("unitValue", in.unitValue())
                .param("currency", in.currency())
                .param("returnedAt", Timestamp.from(in.returnedAt()))
                .param("claimBy", claimBy(route, in.returnedAt()))
                .param("held", truncate(route.heldReason(), 300))
                .param("now", Timestamp.from(now))
                .param("actor", truncate(in.actor(), 200))
                .update();
        if (inserted == 0) {
            // A concurrent delivery of the same return committed first.
            return new Recorded(byKey(merchant, key).orElseThrow(), true);
        }
        // A Shopify disposition that restocked was Shopify's own restock of its level.
        boolean channelRestocked = in.origin().equals(IncomingReturn.SHOPIFY);
        return new Recorded(effects(merchant, find(merchant, id).orElseThrow(), in.actor(), channelRestocked), false);
    }

    /**
     * Records what the merchant found in a returned parcel and routes it. Serialised per return by its row lock, so of
     * two concurrent inspections one routes and the other is refused. A sellable unit goes back on the shelf as a
     * return: the channels are told, Shopify included.
     */
    @Transactional
    public ReturnView inspect(MerchantId merchant, UUID id, Disposition observed, String actor) {
        ReturnView current = locked(merchant, id);
        if (current.fba()) {
            throw ApiProblem.conflict("Return " + id + " is fulfilled by Amazon: Amazon inspects it and its report"
                    + " names the disposition; it never touches your physical count");
        }
        if (!awaitingLook(current)) {
            throw new ApiProblem(
                            ProblemType.CONFLICT,
                            "Return " + id + " was already routed (" + current.status()
                                    + "); a return is inspected once")
                    .with("status", current.status());
        }
        return routeLooked(merchant, current, observed, actor, false);
    }

    /**
     * Shopify gave units it had as PROCESSING_REQUIRED their final disposition: the return waiting for inspection is
     * routed by it, as if the merchant had inspected it in Mercator, except that a restock is Shopify's own (it already
     * put the units into its level). Empty when the return no longer waits (the merchant inspected it first): the
     * caller decides what to tell the merchant.
     */
    @Transactional
    public Optional<ReturnView> settleByChannel(MerchantId merchant, UUID id, Disposition observed, String actor) {
        ReturnView current = locked(merchant, id);
        if (!awaitingLook(current)) {
            return Optional.empty();
        }
        return Optional.of(routeLooked(merchant, current, observed, actor, true));
    }

    private ReturnView locked(MerchantId merchant, UUID id) {
        return jdbc.sql("select " + ReturnView.COLUMNS
                        + " from inventory_returns where merchant_id = :merchant and id = :id for update")
                .param("merchant", merchant.value())
                .param("id", id)
                .query(ReturnView::of)
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("No return " + id));
    }

    private static boolean awaitingLook(ReturnView current) {
        return current.inspectedAt() == null
                && (current.status().equals(ReturnStatus.AWAITING_INSPECTION.id())
                        || current.status().equals(ReturnStatus.HELD.id()));
    }

    private ReturnView routeLooked(
            MerchantId merchant, ReturnView current, Disposition observed, String actor, boolean channelRestocked) {
        UUID id = current.id();
        Route route = route(false, observed.name());
        jdbc.sql("""
                        update inventory_returns set disposition = :disposition, status = :status, held_reason = null,
                            claim_by = :claimBy, inspected_at = :now, actor = :actor
                        where merchant_id = :merchant and id = :id""")
                .param("disposition", observed.id())
                .param("status", route.status().id())
                .param("claimBy", claimBy(route, current.returnedAt()))
                .param("now", Timestamp.from(clock.instant()))
                .param("actor", truncate(actor, 200))
                .param("merchant", merchant.value())
                .param("id", id)
                .update();
        // The audit trail (ADR 25): who found what in the parcel, in the inspection's own transaction.
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", current.status());
        before.put("disposition", current.disposition());
        events.publishEvent(AuditedChange.of(
                merchant,
                "return:" + id,
                "return.inspected",
                before,
                Map.of("status", route.status().id(), "disposition", observed.id())));
        return effects(merchant, find(merchant, id).orElseThrow(), actor, channelRestocked);
    }

    /**
     * A report Mercator will not apply at all (its header lacks a column it needs or has one it does not know): the
     * merchant is told, in the caller's transaction; nothing of it is recorded.
     */
    public void reportRefused(MerchantId merchant, String report, String problem) {
        alerts.badRow(merchant, report, problem);
    }

    public Optional<ReturnView> find(MerchantId merchant, UUID id) {
        return jdbc.sql("select " + ReturnView.COLUMNS
                        + " from inventory_returns where merchant_id = :merchant and id = :id")
                .param("merchant", merchant.value())
                .param("id", id)
                .query(ReturnView::of)
                .optional();
    }

    /** The return a source recorded under {@code dedupKey}, if any. */
    public Optional<ReturnView> findByKey(MerchantId merchant, String dedupKey) {
        return byKey(merchant, bounded(dedupKey));
    }

    private Optional<ReturnView> byKey(MerchantId merchant, String key) {
        return jdbc.sql("select " + ReturnView.COLUMNS
                        + " from inventory_returns where merchant_id = :merchant and dedup_key = :key")
                .param("merchant", merchant.value())
                .param("key", key)
                .query(ReturnView::of)
                .optional();
    }

    private static Route route(boolean fba, @Nullable String reported) {
        if (reported == null || reported.isBlank()) {
            return fba
                    ? new Route(ReturnStatus.HELD, null, "Amazon reported no disposition")
                    : new Route(ReturnStatus.AWAITING_INSPECTION, null, null);
        }
        Disposition disposition = Disposition.fromReported(reported).orElse(null);
        if (disposition == null) {
            return new Route(ReturnStatus.HELD, null, "unknown disposition " + truncate(reported, 64));
        }
        if (disposition == Disposition.SELLABLE) {
            return new Route(fba ? ReturnStatus.AT_AMAZON : ReturnStatus.RESTOCKED, disposition, null);
        }
        return new Route(disposition.claimable() ? ReturnStatus.CLAIM : ReturnStatus.WRITTEN_OFF, disposition, null);
    }

    private @Nullable Timestamp claimBy(Route route, Instant returnedAt) {
        return route.status() == ReturnStatus.CLAIM ? Timestamp.from(returnedAt.plus(settings.claimWindow())) : null;
    }

    private ReturnView effects(MerchantId merchant, ReturnView r, String actor, boolean channelRestocked) {
        ReturnStatus status = ReturnStatus.find(r.status()).orElseThrow();
        switch (status) {
            case RESTOCKED -> {
                InventoryLedger.Result result = ledger.apply(
                        merchant,
                        StockChange.delta(
                                        r.channel().equals(IncomingReturn.AMAZON)
                                                ? StockChange.ItemRef.amazonSellerSku(r.sku())
                                                : StockChange.ItemRef.sku(r.sku()),
                                        r.quantity(),
                                        // Shopify restocked its own level when it disposed the unit: as a
                                        // Shopify event the ledger change also moves the level Mercator can
                                        // explain (ADR 10), so Shopify's +q is not later taken for an edit. A
                                        // unit the merchant inspected back onto the shelf is a plain return,
                                        // which the channels, Shopify included, are told about.
                                        channelRestocked ? StockSource.SHOPIFY : StockSource.RETURN,
                                        "return:" + r.id(),
                                        "return " + r.id() + " of " + r.channel() + " order " + r.orderId(),
                                        actor)
                                .at(r.returnedAt()));
                if (result.outcome() == InventoryLedger.Outcome.UNMAPPED) {
                    setStatus(merchant, r.id(), ReturnStatus.RESTOCK_PENDING);
                    return find(merchant, r.id()).orElseThrow();
                }
            }
            case CLAIM -> alerts.claim(merchant, r);
            case WRITTEN_OFF -> {
                if (r.disposition() != null
                        && Disposition.find(r.disposition())
                                .map(Disposition::qualitySignal)
                                .orElse(false)) {
                    alerts.damaged(merchant, r);
                }
            }
            case HELD -> alerts.held(merchant, r);
            case AT_AMAZON, AWAITING_INSPECTION, RESTOCK_PENDING -> {}
        }
        return r;
    }

    private void setStatus(MerchantId merchant, UUID id, ReturnStatus status) {
        jdbc.sql("update inventory_returns set status = :status where merchant_id = :merchant and id = :id")
                .param("status", status.id())
                .param("merchant", merchant.value())
                .param("id", id)
                .update();
    }

    /**
     * Why a merchant-fulfilled return cannot be routed as its source says: the order was never seen (held for the
     * merchant), or the return takes back more units than the order had (refused).
     */
    private @Nullable String orderProblem(MerchantId merchant, IncomingReturn in) {
        String pattern = in.channel().equals(IncomingReturn.SHOPIFY)
                ? "shopify:%:order:" + in.orderId() + ":line:%"
                : "amazon:%:order:" + in.orderId() + ":item:%";
        Integer sold = jdbc.sql("""
                        select coalesce(sum(units), 0) from (
                            select -l.delta as units from inventory_ledger l
                            left join inventory_mappings m on m.merchant_id = l.merchant_id and m.sku = l.sku
                            where l.merchant_id = :merchant and l.delta < 0 and l.source_event_id like :pattern
                              and (l.sku = :sku or m.amazon_seller_sku = :sku)
                            union all
                            select -u.amount as units from inventory_unmapped u
                            where u.merchant_id = :merchant and u.applied_at is null and u.amount < 0
                              and u.source_event_id like :pattern and u.ref_value = :sku) sold""")
                .param("merchant", merchant.value())
                .param("pattern", pattern)
                .param("sku", in.sku())
                .query(Integer.class)
                .single();
        if (sold == 0) {
            return "Mercator never saw " + in.channel() + " order " + in.orderId() + " with SKU " + in.sku();
        }
        Integer returned = jdbc.sql("""
                        select coalesce(sum(quantity), 0) from inventory_returns
                        where merchant_id = :merchant and channel = :channel and order_id = :orderId and sku = :sku
                          and status <> 'held'""")
                .param("merchant", merchant.value())
                .param("channel", in.channel())
                .param("orderId", in.orderId())
                .param("sku", in.sku())
                .query(Integer.class)
                .single();
        if (returned + in.quantity() > sold) {
            if (!in.origin().equals("api") && !in.origin().equals("webhook")) {
                // A report row or a channel's webhook cannot be refused: it is held for the merchant instead.
                return "returns " + in.quantity() + " unit(s) of " + in.sku() + " but order " + in.orderId() + " had "
                        + sold + " and " + returned + " already came back";
            }
            throw new ApiProblem(
                            ProblemType.VALIDATION,
                            "Order " + in.orderId() + " had " + sold + " unit(s) of " + in.sku() + "; " + returned
                                    + " already returned, so " + in.quantity() + " more cannot be")
                    .with("errors", List.of(Map.of("field", "quantity", "message", "beyond the order's quantity")));
        }
        return null;
    }

    /** The key as given, or its SHA-256 when it is too long to store (a long shop domain and event id, say). */
    private static String bounded(String key) {
        if (key.length() <= 400) {
            return key;
        }
        try {
            return "sha256:"
                    + java.util.HexFormat.of()
                            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is required by every JDK", impossible);
        }
    }

    private static @Nullable String truncate(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}

package dev.mercator.inventory.shopify;

import dev.mercator.inventory.channel.ChannelAccounts;
import dev.mercator.inventory.returns.Disposition;
import dev.mercator.inventory.returns.IncomingReturn;
import dev.mercator.inventory.returns.ReturnView;
import dev.mercator.inventory.returns.Returns;
import dev.mercator.platform.MerchantId;
import dev.mercator.platform.web.ApiProblem;
import dev.mercator.platform.web.ProblemType;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shopify's {@code reverse_fulfillment_orders/dispose} webhook into returns (ADR 23). Shopify's payload names the
 * reverse fulfillment order and, per disposition, only the reverse fulfillment order line item's id: not the order,
 * not the order's line, not the disposition's own id. So the webhook is a cue: Mercator reads that reverse fulfillment
 * order ({@code reverseFulfillmentOrder}: its order, each line's order line item and every disposition so far) and
 * records each disposition once, keyed by Shopify's disposition id, as one return routed like every other: RESTOCKED
 * restocks physical once through the ledger (as a Shopify event, since Shopify restocked its own level), NOT_RESTOCKED
 * and MISSING are written off, PROCESSING_REQUIRED waits for inspection. Reading every disposition, not only the
 * webhook's, also records one whose own webhook was lost. The order line's SKU comes from the ledger's record of that
 * line's sale, so a line Mercator never saw is held, never guessed.
 *
 * <p>The read happens before anything is stored; when Shopify cannot answer it the webhook is refused with 503 and
 * Shopify delivers it again (it retries for hours), so nothing is half-recorded and nothing is lost. All dispositions
 * of one delivery are recorded in one transaction.
 */
@Component
class ShopifyReturnsIntake {

    static final String TOPIC = "reverse_fulfillment_orders/dispose";

    /** A reverse fulfillment order holds the lines of one return at one location: rarely more than a few. */
    static final int LINES_PER_READ = 100;

    /**
     * Requested cost of {@link #RFO_QUERY}: the order 1, the reverse fulfillment order 1, a connection 2, and per line
     * 4 (the line, its fulfillment line item, that item's order line, the dispositions list).
     */
    static final int RFO_QUERY_COST = 4 + LINES_PER_READ * 4;

    /** A webhook waits for Shopify's cost bucket only briefly: Shopify wants its answer within five seconds. */
    private static final Duration MAX_THROTTLE_WAIT = Duration.ofSeconds(2);

    static final String RFO_QUERY = """
            query ReverseFulfillmentOrder($id: ID!) {
              reverseFulfillmentOrder(id: $id) {
                id
                order { legacyResourceId }
                lineItems(first: %d) {
                  nodes {
                    id
                    totalQuantity
                    fulfillmentLineItem { lineItem { id } }
                    dispositions { id quantity type }
                  }
                  pageInfo { hasNextPage }
                }
              }
            }""".formatted(LINES_PER_READ);

    private static final Pattern LINE_ITEM_GID = Pattern.compile("gid://shopify/LineItem/([0-9]{1,20})");
    private static final Pattern DISPOSITION_GID =
            Pattern.compile("gid://shopify/ReverseFulfillmentOrderDisposition/([0-9]{1,20})");
    private static final Pattern RFO_GID = Pattern.compile("gid://shopify/ReverseFulfillmentOrder/([0-9]{1,20})");

    private final Returns returns;
    private final ShopifyAdminApi api;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    ShopifyReturnsIntake(
            Returns returns,
            ShopifyAdminApi api,
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            JsonMapper json,
            Clock clock) {
        this.returns = returns;
        this.api = api;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
        this.clock = clock;
    }

    private record Sold(String orderId, String sku) {}

    Map<String, String> receive(ChannelAccounts.ShopifyAccount account, String eventId, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException unreadable) {
            throw ApiProblem.badRequest("The body is not JSON");
        }
        String rfo = rfoGid(root);
        if (rfo == null || !root.path("dispositions").isArray()) {
            throw ApiProblem.badRequest(
                    "A reverse_fulfillment_orders/dispose payload has the reverse fulfillment order's id and its"
                            + " dispositions");
        }
        ObjectNode variables = api.json().createObjectNode();
        variables.put("id", rfo);
        ShopifyAdminApi.Answer answer = api.call(account, RFO_QUERY, variables, RFO_QUERY_COST, MAX_THROTTLE_WAIT);
        if (answer instanceof ShopifyAdminApi.Failure failure) {
            throw new ApiProblem(
                            ProblemType.UNAVAILABLE,
                            "Shopify's reverse fulfillment order could not be read (" + failure.reason()
                                    + "); deliver again")
                    .with("retryAfterSeconds", Math.max(1, failure.retryAfter().toSeconds()));
        }
        JsonNode order = ((ShopifyAdminApi.Data) answer).data().path("reverseFulfillmentOrder");
        Integer recorded = transactions.execute(status -> order.isObject()
                ? recordEach(account, order)
                : holdUnknown(account, eventId, rfo, root.path("dispositions")));
        return Map.of("status", recorded == null || recorded == 0 ? "duplicate" : "applied");
    }

    /** Every disposition of the reverse fulfillment order, once each by Shopify's disposition id. */
    private int recordEach(ChannelAccounts.ShopifyAccount account, JsonNode rfo) {
        MerchantId merchant = account.merchant();
        String shop = account.shopDomain();
        String orderId = rfo.path("order").path("legacyResourceId").asString("");
        boolean truncated =
                rfo.path("lineItems").path("pageInfo").path("hasNextPage").asBoolean(false);
        int recorded = 0;
        for (JsonNode line : rfo.path("lineItems").path("nodes")) {
            String lineItemId =
                    number(line.path("fulfillmentLineItem").path("lineItem").path("id"), LINE_ITEM_GID);
            Optional<Sold> sold = orderId.isEmpty() || lineItemId == null
                    ? Optional.empty()
                    : sold(merchant, shop, orderId, lineItemId);
            recorded += recordLine(merchant, shop, orderId, lineItemId, sold, line);
        }
        if (truncated) {
            // Past the first hundred lines of one return: kept visible rather than read in part without a word.
            record(
                    merchant,
                    shop,
                    "rfo:" + rfo.path("id").asString("") + ":truncated",
                    Optional.empty(),
                    0,
                    "",
                    "Shopify reverse fulfillment order " + rfo.path("id").asString("") + " has more than "
                            + LINES_PER_READ + " lines; only the first were read");
        }
        return recorded;
    }

    /** Units Shopify disposed PROCESSING_REQUIRED, waiting in Mercator's inspection queue as one return. */
    private record Processing(String key, int quantity) {}

    /**
     * One line's dispositions in Shopify's order (by id). Shopify lets units disposed PROCESSING_REQUIRED be disposed
     * once more with a final type, and a final disposition takes units never disposed first, then processing ones.
     * A final disposition of processing units routes the return that waits for their inspection instead of recording
     * a second return of the same units; if the merchant inspected it in Mercator first, or the disposition covers
     * processing units only in part, it is held for the merchant with the reason, never counted twice.
     */
    private int recordLine(
            MerchantId merchant,
            String shop,
            String orderId,
            @Nullable String lineItemId,
            Optional<Sold> sold,
            JsonNode line) {
        List<JsonNode> dispositions = new ArrayList<>();
        line.path("dispositions").forEach(dispositions::add);
        dispositions.removeIf(d -> number(d.path("id"), DISPOSITION_GID) == null);
        dispositions.sort(Comparator.comparing(
                d -> new BigInteger(Objects.requireNonNull(number(d.path("id"), DISPOSITION_GID)))));
        int undisposed = line.path("totalQuantity").asInt(0);
        Deque<Processing> processing = new ArrayDeque<>();
        int recorded = 0;
        for (JsonNode disposition : dispositions) {
            String key = "disposition:" + number(disposition.path("id"), DISPOSITION_GID);
            int quantity = disposition.path("quantity").asInt(0);
            String type = disposition.path("type").asString("").toUpperCase(Locale.ROOT);
            int fromUndisposed = Math.max(0, Math.min(quantity, undisposed));
            undisposed -= fromUndisposed;
            if (type.equals("PROCESSING_REQUIRED") || fromUndisposed == quantity) {
                String hold = null;
                if (sold.isEmpty()) {
                    hold = "Shopify order " + (orderId.isEmpty() ? "(none)" : orderId) + " line item "
                            + (lineItemId == null ? "(none)" : lineItemId) + " is a sale Mercator never saw";
                } else if (quantity < 1) {
                    hold = "Shopify disposed " + quantity + " unit(s)";
                }
                if (type.equals("PROCESSING_REQUIRED")) {
                    processing.add(new Processing(key, quantity));
                }
                if (record(merchant, shop, key, sold, quantity, type, hold)) {
                    recorded++;
                }
                continue;
            }
            recorded += settleProcessing(merchant, shop, key, sold, quantity, fromUndisposed, type, processing);
        }
        return recorded;
    }

    private int settleProcessing(
            MerchantId merchant,
            String shop,
            String key,
            Optional<Sold> sold,
            int quantity,
            int fromUndisposed,
            String type,
            Deque<Processing> processing) {
        String actor = "shopify:" + shop + ":" + key;
        if (returns.findByKey(merchant, actor).isPresent()) {
            return 0; // held on an earlier delivery
        }
        Processing waiting = processing.peekFirst();
        Optional<Disposition> disposition = Disposition.fromReported(type);
        if (fromUndisposed > 0 || waiting == null || waiting.quantity() != quantity || disposition.isEmpty()) {
            return record(
                            merchant,
                            shop,
                            key,
                            sold,
                            quantity,
                            type,
                            "Shopify disposed " + quantity + " unit(s) " + type + ", part of them units it had as"
                                    + " processing required: inspect the waiting returns of this order line")
                    ? 1
                    : 0;
        }
        processing.removeFirst();
        Optional<ReturnView> processed = returns.findByKey(merchant, "shopify:" + shop + ":" + waiting.key());
        if (processed.isEmpty() || actor.equals(processed.get().actor())) {
            return 0; // settled on an earlier delivery
        }
        if (returns.settleByChannel(merchant, processed.get().id(), disposition.get(), actor)
                .isPresent()) {
            return 1;
        }
        return record(
                        merchant,
                        shop,
                        key,
                        sold,
                        quantity,
                        type,
                        "Shopify disposed " + quantity + " unit(s) " + type + " that were already inspected in"
                                + " Mercator (return " + processed.get().id() + "): check the count")
                ? 1
                : 0;
    }

    /**
     * Shopify named a reverse fulfillment order it does not show this shop's token: each disposition of the payload is
     * held, keyed by the delivery, for the merchant to see.
     */
    private int holdUnknown(ChannelAccounts.ShopifyAccount account, String eventId, String rfo, JsonNode dispositions) {
        int recorded = 0;
        for (int i = 0; i < dispositions.size(); i++) {
            JsonNode disposition = dispositions.get(i);
            String hold = "Shopify does not show reverse fulfillment order " + rfo + " to this shop";
            if (record(
                    account.merchant(),
                    account.shopDomain(),
                    "dispose:" + eventId + ":" + i,
                    Optional.empty(),
                    Math.max(disposition.path("quantity").asInt(0), 0),
                    disposition.path("type").asString("").toUpperCase(Locale.ROOT),
                    hold)) {
                recorded++;
            }
        }
        return recorded;
    }

    private boolean record(
            MerchantId merchant,
            String shop,
            String key,
            Optional<Sold> sold,
            int quantity,
            String type,
            @Nullable String hold) {
        IncomingReturn incoming = new IncomingReturn(
                "shopify:" + shop + ":" + key,
                IncomingReturn.SHOPIFY,
                IncomingReturn.SHOPIFY,
                IncomingReturn.MERCHANT,
                sold.map(Sold::orderId).orElse("unknown"),
                sold.map(Sold::sku).orElse("unknown"),
                Math.max(quantity, 0),
                // Processing required: Shopify does not know yet either; the merchant inspects it.
                type.equals("PROCESSING_REQUIRED") || type.isEmpty() ? null : type,
                null,
                clock.instant(),
                null,
                null,
                null,
                "shopify:" + shop,
                sold.isPresent());
        return !returns.record(merchant, incoming, hold).duplicate();
    }

    /** The SKU of an order line whose sale the ledger recorded (or keeps waiting for its SKU). */
    private Optional<Sold> sold(MerchantId merchant, String shop, String orderId, String lineItemId) {
        String event = "shopify:" + shop + ":order:" + orderId + ":line:" + lineItemId;
        return jdbc.sql("""
                        select sku from (
                            select sku, id as n from inventory_ledger
                            where merchant_id = :merchant and source_event_id = :event
                            union all
                            select ref_value as sku, 0 as n from inventory_unmapped
                            where merchant_id = :merchant and source_event_id = :event) sales
                        order by n limit 1""")
                .param("merchant", merchant.value())
                .param("event", event)
                .query((rs, n) -> new Sold(orderId, rs.getString("sku")))
                .optional();
    }

    private static @Nullable String rfoGid(JsonNode root) {
        String gid = root.path("admin_graphql_api_id").asString("");
        if (RFO_GID.matcher(gid).matches()) {
            return gid;
        }
        JsonNode id = root.path("id");
        return id.isIntegralNumber() && id.asLong() > 0 ? "gid://shopify/ReverseFulfillmentOrder/" + id.asLong() : null;
    }

    private static @Nullable String number(JsonNode gid, Pattern pattern) {
        Matcher matcher = pattern.matcher(gid.asString(""));
        return matcher.matches() ? matcher.group(1) : null;
    }
}

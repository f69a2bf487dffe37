package dev.mercator.sandbox.shopify;

import dev.mercator.platform.web.ApiProblem;
import dev.mercator.sandbox.ConditionalOnSandbox;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Drives a simulated store from outside, as its merchant and customers would: register the shop (its token, webhook
 * secret and delivery behaviour), stock items, place, fulfil, cancel and refund orders, edit inventory by hand. Each
 * change delivers the webhooks Shopify would. Sandbox-only and unauthenticated, like every simulator route.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + ShopifySimulator.NAME, produces = "application/json")
@Tag(name = "Sandbox: Shopify store")
class ShopifyStoreController {

    private final ShopifyShops shops;
    private final WebhookDeliveries deliveries;

    ShopifyStoreController(ShopifyShops shops, WebhookDeliveries deliveries) {
        this.shops = shops;
        this.deliveries = deliveries;
    }

    /**
     * A shop's registration. Fields left out take the {@code mercator.sandbox.shopify.*} defaults.
     *
     * @param webhookUrl where webhooks go; default this server's {@code /webhook/shopify}
     * @param lostFirstAttemptProbability share of deliveries whose first attempt is lost on the way (delivered only by
     *     a retry)
     */
    record Registration(
            @NotBlank @Size(max = 255) String accessToken,
            @NotBlank @Size(max = 255) String webhookSecret,
            @Nullable @Min(1) Long locationId,

            @Nullable @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
            String webhookUrl,

            @Nullable @Min(1) @Max(1_000_000) Integer bucketSize,

            @Nullable @DecimalMin("0.001") @DecimalMax("100000")
            Double restoreRate,

            @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double duplicateProbability,
            @Nullable @Min(0) @Max(10) Integer duplicateCopies,
            @Nullable @Min(0) @Max(600_000) Long maxReorderDelayMs,
            @Nullable @Min(0) @Max(30) Integer webhookRetries,
            @Nullable @Min(1) @Max(86_400_000) Long webhookRetryWindowMs,
            @Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double lostFirstAttemptProbability) {

        @Override
        public String toString() {
            return "Registration[locationId=" + locationId + ", webhookUrl=" + webhookUrl + "]";
        }
    }

    record ShopView(
            String domain,
            long locationId,
            String locationGid,
            int bucketSize,
            double restoreRate,
            int currentlyAvailable,
            @Nullable String webhookUrl,
            int webhookRetries,
            long webhookRetryWindowMs,
            double duplicateProbability,
            int duplicateCopies,
            long maxReorderDelayMs,
            SimulatedShop.Counters api,
            WebhookDeliveries.Stats webhooks) {}

    record NewItem(
            @NotBlank @Size(max = 100) String sku,
            @Min(-1_000_000_000) @Max(1_000_000_000) int available,
            @Nullable @Min(1) Long id,
            @Nullable Boolean continueSelling) {}

    /** A manual edit: a new {@code available}, or a {@code delta}; and/or the simulated contention on the item. */
    record ItemEdit(
            @Nullable @Min(-1_000_000_000) @Max(1_000_000_000)
            Integer available,

            @Nullable @Min(-1_000_000) @Max(1_000_000) Integer delta,
            @Nullable @Min(-1_000_000) @Max(1_000_000) Integer contention) {}

    record ItemView(
            long id,
            String inventoryItemId,
            String sku,
            long variantId,
            int available,
            int committed,
            int onHand,
            long locationId,
            boolean continueSelling,
            int contention,
            String updatedAt) {

        static ItemView of(SimulatedShop.ItemView item, long locationId) {
            return new ItemView(
                    item.id(),
                    "gid://shopify/InventoryItem/" + item.id(),
                    item.sku(),
                    item.variantId(),
                    item.available(),
                    item.committed(),
                    item.onHand(),
                    locationId,
                    item.continueSelling(),
                    item.contention(),
                    item.updatedAt().toString());
        }
    }

    record OrderLine(
            @Nullable @Size(max = 100) String sku,
            @Nullable @Size(max = 100) String inventoryItemId,
            @Min(1) @Max(100_000) int quantity) {}

    record NewOrder(@NotEmpty @Size(max = 100) List<@Valid @NotNull OrderLine> lines) {}

    record Cancellation(
            @Nullable Boolean restock,

            @Nullable @Pattern(regexp = "customer|fraud|inventory|declined|staff|other")
            String reason) {}

    record RefundLine(
            @Min(1) long lineItemId,
            @Min(1) @Max(100_000) int quantity,

            @NotBlank @Pattern(regexp = "return|cancel|no_restock")
            String restockType) {}

    record NewRefund(
            @NotEmpty @Size(max = 100) List<@Valid @NotNull RefundLine> lines,
            @Nullable @Size(max = 500) String note) {}

    record WebhooksView(WebhookDeliveries.Stats stats, List<WebhookDeliveries.DeliveryView> deliveries) {}

    @Operation(summary = "Register a simulated shop, or change its token, secret, bucket or webhook delivery")
    @PutMapping(path = "/{shop}/_sim/shop", consumes = "application/json")
    ShopView register(@PathVariable String shop, @Valid @RequestBody Registration registration) {
        ShopifySimulatorSettings defaults = shops.settings();
        DeliveryOptions fallback = defaults.deliveryDefaults();
        DeliveryOptions delivery = new DeliveryOptions(
                registration.webhookUrl() != null ? registration.webhookUrl() : fallback.url(),
                registration.webhookRetries() != null ? registration.webhookRetries() : fallback.retries(),
                registration.webhookRetryWindowMs() != null
                        ? Duration.ofMillis(registration.webhookRetryWindowMs())
                        : fallback.retryWindow(),
                registration.duplicateProbability() != null
                        ? registration.duplicateProbability()
                        : fallback.duplicateProbability(),
                registration.duplicateCopies() != null ? registration.duplicateCopies() : fallback.duplicateCopies(),
                registration.maxReorderDelayMs() != null
                        ? Duration.ofMillis(registration.maxReorderDelayMs())
                        : fallback.maxReorderDelay(),
                registration.lostFirstAttemptProbability() != null
                        ? registration.lostFirstAttemptProbability()
                        : fallback.lostFirstAttemptProbability());
        if (delivery.url() != null) {
            URI.create(delivery.url());
        }
        SimulatedShop.Config config = new SimulatedShop.Config(
                registration.accessToken(),
                registration.webhookSecret(),
                registration.bucketSize() != null ? registration.bucketSize() : defaults.bucketSize(),
                registration.restoreRate() != null ? registration.restoreRate() : defaults.restoreRate(),
                delivery);
        return view(refusedAsProblem(() -> shops.register(shop, config, registration.locationId())));
    }

    @Operation(summary = "A simulated shop: its bucket, delivery settings, API counters and webhook stats")
    @GetMapping("/{shop}/_sim/shop")
    ShopView shop(@PathVariable String shop) {
        return view(store(shop));
    }

    @Operation(summary = "Stock a new inventory item at the shop's location")
    @PostMapping(path = "/{shop}/_sim/inventory-items", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    ItemView createItem(@PathVariable String shop, @Valid @RequestBody NewItem item) {
        SimulatedShop store = store(shop);
        return ItemView.of(
                refusedAsProblem(() -> store.createItem(
                        item.id(), item.sku(), item.available(), Boolean.TRUE.equals(item.continueSelling()))),
                store.locationId());
    }

    @GetMapping("/{shop}/_sim/inventory-items")
    List<ItemView> items(@PathVariable String shop) {
        SimulatedShop store = store(shop);
        return store.items().stream()
                .map(item -> ItemView.of(item, store.locationId()))
                .toList();
    }

    @GetMapping("/{shop}/_sim/inventory-items/{id}")
    ItemView item(@PathVariable String shop, @PathVariable long id) {
        SimulatedShop store = store(shop);
        SimulatedShop.ItemView item = store.item(id);
        if (item == null) {
            throw ApiProblem.notFound("No inventory item " + id + " in " + shop);
        }
        return ItemView.of(item, store.locationId());
    }

    @Operation(summary = "Edit an item's available quantity by hand (sends inventory_levels/update)")
    @PutMapping(path = "/{shop}/_sim/inventory-items/{id}", consumes = "application/json")
    ItemView editItem(@PathVariable String shop, @PathVariable long id, @Valid @RequestBody ItemEdit edit) {
        if (edit.available() != null && edit.delta() != null) {
            throw ApiProblem.badRequest("Give available or delta, not both");
        }
        SimulatedShop store = store(shop);
        SimulatedShop.StoreChange<SimulatedShop.ItemView> change =
                refusedAsProblem(() -> store.editItem(id, edit.available(), edit.delta(), edit.contention()));
        deliveries.trigger(store, change.emissions());
        return ItemView.of(change.view(), store.locationId());
    }

    @Operation(summary = "Place an order (sends orders/create and inventory_levels/update)")
    @PostMapping(path = "/{shop}/_sim/orders", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, @Nullable Object> placeOrder(@PathVariable String shop, @Valid @RequestBody NewOrder order) {
        SimulatedShop store = store(shop);
        SimulatedShop.StoreChange<Map<String, @Nullable Object>> change =
                refusedAsProblem(() -> store.placeOrder(order.lines().stream()
                        .map(line ->
                                new SimulatedShop.OrderLineRequest(line.sku(), line.inventoryItemId(), line.quantity()))
                        .toList()));
        deliveries.trigger(store, change.emissions());
        return change.view();
    }

    @GetMapping("/{shop}/_sim/orders/{id}")
    Map<String, @Nullable Object> order(@PathVariable String shop, @PathVariable long id) {
        SimulatedShop store = store(shop);
        return refusedAsProblem(() -> store.order(id));
    }

    @Operation(
            summary = "Cancel an order; by default its open units are restocked (sends orders/cancelled, "
                    + "refunds/create with restock_type cancel, inventory_levels/update)")
    @PostMapping(path = "/{shop}/_sim/orders/{id}/cancel")
    Map<String, @Nullable Object> cancel(
            @PathVariable String shop,
            @PathVariable long id,
            @Valid @RequestBody(required = false) @Nullable Cancellation cancellation) {
        SimulatedShop store = store(shop);
        boolean restock = cancellation == null || cancellation.restock() == null || cancellation.restock();
        String reason = cancellation == null || cancellation.reason() == null ? "customer" : cancellation.reason();
        SimulatedShop.StoreChange<Map<String, @Nullable Object>> change =
                refusedAsProblem(() -> store.cancelOrder(id, restock, reason));
        deliveries.trigger(store, change.emissions());
        return change.view();
    }

    @Operation(summary = "Fulfil every open unit of an order (committed units ship; no webhook)")
    @PostMapping(path = "/{shop}/_sim/orders/{id}/fulfill")
    Map<String, @Nullable Object> fulfill(@PathVariable String shop, @PathVariable long id) {
        SimulatedShop store = store(shop);
        return refusedAsProblem(() -> store.fulfillOrder(id));
    }

    @Operation(summary = "Refund order lines: return restocks fulfilled units, cancel open ones (sends refunds/create)")
    @PostMapping(path = "/{shop}/_sim/orders/{id}/refunds", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, @Nullable Object> refund(
            @PathVariable String shop, @PathVariable long id, @Valid @RequestBody NewRefund refund) {
        SimulatedShop store = store(shop);
        SimulatedShop.StoreChange<Map<String, @Nullable Object>> change = refusedAsProblem(() -> store.refund(
                id,
                refund.lines().stream()
                        .map(line -> new SimulatedShop.RefundLineRequest(
                                line.lineItemId(), line.quantity(), line.restockType()))
                        .toList(),
                refund.note()));
        deliveries.trigger(store, change.emissions());
        return change.view();
    }

    @Operation(summary = "A shop's webhook delivery stats and its latest deliveries")
    @GetMapping("/{shop}/_sim/webhooks")
    WebhooksView webhooks(@PathVariable String shop) {
        SimulatedShop store = store(shop);
        return new WebhooksView(deliveries.stats(store.domain()), deliveries.recent(store.domain()));
    }

    @Operation(summary = "Webhook delivery stats of every simulated shop together")
    @GetMapping("/_sim/webhooks")
    WebhookDeliveries.Stats allWebhooks() {
        return deliveries.stats();
    }

    private SimulatedShop store(String shop) {
        return refusedAsProblem(() -> shops.require(shop));
    }

    /** The store's refusal as the problem this API answers with; the store itself knows nothing of HTTP. */
    private static <T> T refusedAsProblem(Supplier<T> change) {
        try {
            return change.get();
        } catch (StoreRefusal refused) {
            String message = String.valueOf(refused.getMessage());
            ApiProblem problem = switch (refused.kind()) {
                case NOT_FOUND -> ApiProblem.notFound(message);
                case CONFLICT -> ApiProblem.conflict(message);
                case BAD_REQUEST -> ApiProblem.badRequest(message);
            };
            throw problem.with("available", refused.available());
        }
    }

    private ShopView view(SimulatedShop shop) {
        SimulatedShop.Config config = shop.config();
        SimulatedShop.ThrottleStatus bucket = shop.throttleStatus();
        DeliveryOptions delivery = config.delivery();
        return new ShopView(
                shop.domain(),
                shop.locationId(),
                "gid://shopify/Location/" + shop.locationId(),
                config.bucketSize(),
                config.restoreRate(),
                bucket.currentlyAvailable(),
                delivery.url(),
                delivery.retries(),
                delivery.retryWindow().toMillis(),
                delivery.duplicateProbability(),
                delivery.duplicateCopies(),
                delivery.maxReorderDelay().toMillis(),
                shop.counters(),
                deliveries.stats(shop.domain()));
    }
}

package dev.mercator.sandbox.shopify;

import dev.mercator.platform.web.ApiProblem;
import dev.mercator.sandbox.ConditionalOnSandbox;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code _sim} controls for a shop's returns, as the merchant (or a returns app) drives them in Shopify: open a return
 * of fulfilled lines ({@code returnCreate}) and dispose its reverse fulfillment order line items ({@code
 * reverseFulfillmentOrderDispose}), which sends {@code reverse_fulfillment_orders/dispose}.
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + ShopifySimulator.NAME, produces = "application/json")
@Tag(name = "Sandbox: Shopify store")
class ShopifyReturnsSimControl {

    private final ShopifyShops shops;
    private final WebhookDeliveries deliveries;

    ShopifyReturnsSimControl(ShopifyShops shops, WebhookDeliveries deliveries) {
        this.shops = shops;
        this.deliveries = deliveries;
    }

    record ReturnLine(
            @NotNull Long lineItemId, @NotNull @Min(1) Integer quantity) {}

    record NewReturn(@NotEmpty List<@Valid ReturnLine> lines) {}

    record DispositionInput(
            @NotNull Long reverseFulfillmentOrderLineItemId,
            @NotNull @Min(1) Integer quantity,
            @NotBlank String dispositionType) {}

    record Dispose(@NotEmpty List<@Valid DispositionInput> dispositionInputs) {}

    @Operation(summary = "Open a return of fulfilled order lines with its reverse fulfillment order (returnCreate)")
    @PostMapping(path = "/{shop}/_sim/orders/{id}/returns", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, @Nullable Object> createReturn(
            @PathVariable String shop, @PathVariable long id, @Valid @RequestBody NewReturn request) {
        SimulatedShop store = refused(() -> shops.require(shop));
        return refused(() -> store.createReturn(
                id,
                request.lines().stream()
                        .map(l -> new ShopReturns.LineRequest(l.lineItemId(), l.quantity()))
                        .toList()));
    }

    @Operation(
            summary = "Dispose reverse fulfillment order line items (reverseFulfillmentOrderDispose); sends"
                    + " reverse_fulfillment_orders/dispose")
    @PostMapping(path = "/{shop}/_sim/reverse-fulfillment-orders/dispose", consumes = "application/json")
    Map<String, @Nullable Object> dispose(@PathVariable String shop, @Valid @RequestBody Dispose request) {
        SimulatedShop store = refused(() -> shops.require(shop));
        SimulatedShop.StoreChange<Map<String, @Nullable Object>> change =
                refused(() -> store.dispose(request.dispositionInputs().stream()
                        .map(d -> new ShopReturns.Disposal(
                                d.reverseFulfillmentOrderLineItemId(), d.quantity(), d.dispositionType()))
                        .toList()));
        deliveries.trigger(store, change.emissions());
        return change.view();
    }

    private static <T> T refused(Supplier<T> change) {
        try {
            return change.get();
        } catch (StoreRefusal refused) {
            String message = String.valueOf(refused.getMessage());
            throw switch (refused.kind()) {
                case NOT_FOUND -> ApiProblem.notFound(message);
                case CONFLICT -> ApiProblem.conflict(message);
                case BAD_REQUEST -> ApiProblem.badRequest(message);
            };
        }
    }
}

package dev.mercator.sandbox.shopify;

import dev.mercator.platform.web.ApiProblem;
import dev.mercator.sandbox.ConditionalOnSandbox;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A manual edit whose {@code inventory_levels/update} never reaches Mercator: Shopify gave up retrying it, or the
 * subscription was missing when it was made. The store changes as for {@link ShopifyStoreController}'s edit; its
 * webhooks are dropped. Only reading the level can find it (ADR 10's recheck, ADR 24's
 * reconciliation).
 */
@RestController
@ConditionalOnSandbox
@RequestMapping(path = "/sandbox/" + ShopifySimulator.NAME, produces = "application/json")
@Tag(name = "Sandbox: Shopify store")
class ShopifyLostWebhookEdits {

    private final ShopifyShops shops;

    ShopifyLostWebhookEdits(ShopifyShops shops) {
        this.shops = shops;
    }

    @Operation(summary = "Edit an item's available quantity by hand; its inventory_levels/update webhook is lost")
    @PutMapping(path = "/{shop}/_sim/inventory-items/{id}/lost-webhook-edit", consumes = "application/json")
    ShopifyStoreController.ItemView editLosingWebhook(
            @PathVariable String shop,
            @PathVariable long id,
            @Valid @RequestBody ShopifyStoreController.ItemEdit edit) {
        if (edit.available() != null && edit.delta() != null) {
            throw ApiProblem.badRequest("Give available or delta, not both");
        }
        if (edit.available() == null && edit.delta() == null) {
            throw ApiProblem.badRequest("Give available or delta");
        }
        try {
            SimulatedShop store = shops.require(shop);
            SimulatedShop.StoreChange<SimulatedShop.ItemView> change =
                    store.editItem(id, edit.available(), edit.delta(), edit.contention());
            // The change's webhooks are deliberately not handed to the deliveries: that is the lost part.
            return ShopifyStoreController.ItemView.of(change.view(), store.locationId());
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

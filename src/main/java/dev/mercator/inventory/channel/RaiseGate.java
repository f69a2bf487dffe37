package dev.mercator.inventory.channel;

import dev.mercator.platform.MerchantId;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Says which SKUs must not have their offer raised on any channel right now, because a sale on them may not be
 * accounted for yet (a Shopify level that moved and has not been explained, or one not looked at since the raise's
 * reason arose). Lowering never asks: it cannot oversell.
 */
public interface RaiseGate {

    /**
     * The SKUs among {@code raises} whose raises wait. Each SKU comes with the moment the reason for its raise arose
     * (its last change, or its channel row's becoming due): a sale made before then must have been ruled out.
     */
    Set<String> held(MerchantId merchant, Map<String, Instant> raises);
}

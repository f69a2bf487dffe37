package dev.mercator.inventory;

import dev.mercator.platform.MerchantId;
import java.util.Collection;
import java.util.Set;

/**
 * Says which SKUs must not have their offer raised on any channel right now, because a sale on them may not be
 * accounted for yet (a Shopify level that moved and has not been explained). Lowering never asks: it cannot oversell.
 */
public interface RaiseGate {

    /** The SKUs among {@code skus} whose raises wait. */
    Set<String> held(MerchantId merchant, Collection<String> skus);
}

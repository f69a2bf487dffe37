package dev.mercator.inventory.channel;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a channel shows for several SKUs at once, for reconciliation (ADR 24).
 *
 * @param shown the read of each SKU asked about, by SKU; a SKU missing here could not be read
 * @param unsettled SKUs whose level the adapter is still explaining on its own (a Shopify level with a check due, an
 *     open gap, a write of unknown fate, or no starting point yet, ADR 10): whatever they show is not drift yet
 * @param calls the vendor requests the reads cost
 * @param ordersAppliedThrough every order the channel took before this moment has reached Mercator's ledger; a channel
 *     that lowers its own quantity when it takes an order (Amazon) may show less than it confirmed for an order taken
 *     since. Null: no order of the channel can be missing that way (Shopify's levels are explained by ADR 10's checks)
 */
public record ReadBacks(
        Map<String, ReadBack> shown,
        Set<String> unsettled,
        int calls,
        @Nullable Instant ordersAppliedThrough) {

    public ReadBacks {
        shown = Map.copyOf(shown);
        unsettled = Set.copyOf(unsettled);
    }
}

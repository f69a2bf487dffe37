package dev.mercator.inventory.channel;

import java.util.Map;
import java.util.Set;

/**
 * What a channel shows for several SKUs at once, for reconciliation (ADR 24).
 *
 * @param shown the read of each SKU asked about, by SKU; a SKU missing here could not be read
 * @param unsettled SKUs whose level the adapter is still explaining on its own (a Shopify level with a check due, an
 *     open gap, a write of unknown fate, or no starting point yet, ADR 10): whatever they show is not drift yet
 * @param calls the vendor requests the reads cost
 */
public record ReadBacks(Map<String, ReadBack> shown, Set<String> unsettled, int calls) {

    public ReadBacks {
        shown = Map.copyOf(shown);
        unsettled = Set.copyOf(unsettled);
    }
}

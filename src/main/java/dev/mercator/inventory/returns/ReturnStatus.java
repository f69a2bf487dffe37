package dev.mercator.inventory.returns;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a return stands after routing. */
public enum ReturnStatus {
    /** Merchant-fulfilled or Shopify, sellable: its units were added to physical once, through the ledger. */
    RESTOCKED,
    /** Sellable, but its SKU is unknown: kept as an unmapped ledger event, restocked when the SKU is created or mapped. */
    RESTOCK_PENDING,
    /** FBA, sellable: back in Amazon's fulfillable stock; the merchant's physical count is untouched. */
    AT_AMAZON,
    /** Damaged by a carrier, distributor or warehouse: a reimbursement claim is owed by the claim-by date. */
    CLAIM,
    /** Not sellable and nobody owes for it (customer damage, defect, expiry, missing). */
    WRITTEN_OFF,
    /** Came back with no disposition (merchant-fulfilled report rows, Shopify's processing required): waits for the merchant. */
    AWAITING_INSPECTION,
    /** Cannot be routed without the merchant (a disposition nobody knows, an order Mercator never saw). */
    HELD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReturnStatus> find(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }
}

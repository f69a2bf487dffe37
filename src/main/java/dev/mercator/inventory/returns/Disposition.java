package dev.mercator.inventory.returns;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The state a returned unit came back in, as Mercator routes it. Amazon's report values (the {@code
 * detailed-disposition} column of GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA), the seed's six and Shopify's
 * reverse-fulfillment dispositions all map onto this one set ({@link #fromReported}); a value none of them knows is
 * never guessed: the return is held and the merchant is told.
 */
public enum Disposition {
    /** Can be sold again: restocked (merchant-fulfilled) or back in Amazon's fulfillable stock (FBA). */
    SELLABLE,
    /** Damaged by the customer: a loss nobody reimburses. */
    CUSTOMER_DAMAGED,
    /** The product itself is faulty: a loss, and a quality signal. */
    DEFECTIVE,
    /** Damaged in transit by the carrier: a reimbursement claim. */
    CARRIER_DAMAGED,
    /** Damaged by a distributor: a reimbursement claim. */
    DISTRIBUTOR_DAMAGED,
    /** Damaged in Amazon's (or the merchant's 3PL's) warehouse: a reimbursement claim. */
    WAREHOUSE_DAMAGED,
    /** Past its expiry date. */
    EXPIRED,
    /** Cannot be sold, with no party named (the seed's UNSELLABLE, Shopify's NOT_RESTOCKED). */
    UNSELLABLE,
    /** Never arrived back (Shopify's MISSING). */
    MISSING;

    private static final Map<String, Disposition> ALIASES = Map.of(
            // The seed's six: DAMAGED names no party, and carrier and warehouse damage have their own values, so it is
            // the customer's; UNKNOWN is deliberately absent: it is held, never routed.
            "DAMAGED", CUSTOMER_DAMAGED,
            // Shopify's ReverseFulfillmentOrderDispositionType (PROCESSING_REQUIRED waits for inspection instead).
            "RESTOCKED", SELLABLE,
            "NOT_RESTOCKED", UNSELLABLE);

    /** The value shown by the API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A reimbursement claim is owed: someone other than the customer damaged the unit. */
    public boolean claimable() {
        return this == CARRIER_DAMAGED || this == DISTRIBUTOR_DAMAGED || this == WAREHOUSE_DAMAGED;
    }

    /** The customer or the product is at fault: worth a warning and a look at the SKU's return rate. */
    public boolean qualitySignal() {
        return this == CUSTOMER_DAMAGED || this == DEFECTIVE;
    }

    /**
     * The internal disposition of a value as a source reports it, ignoring case, spaces and dashes ({@code Customer
     * Damaged}, {@code customer-damaged}); empty for anything unknown, including the seed's {@code UNKNOWN}.
     */
    public static Optional<Disposition> fromReported(String reported) {
        String value =
                reported.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        Disposition alias = ALIASES.get(value);
        if (alias != null) {
            return Optional.of(alias);
        }
        return Arrays.stream(values()).filter(d -> d.name().equals(value)).findFirst();
    }

    /** The disposition the API names ({@code sellable}, {@code carrier_damaged}), for filters and inspections. */
    public static Optional<Disposition> find(String id) {
        return Arrays.stream(values()).filter(d -> d.id().equals(id)).findFirst();
    }
}

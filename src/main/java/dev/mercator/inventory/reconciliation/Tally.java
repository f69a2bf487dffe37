package dev.mercator.inventory.reconciliation;

/**
 * What one run has done so far. Written by the one thread running it; each batch's totals are stored, so a run that
 * fails or is cut short still shows what it spent.
 */
final class Tally {

    /** (SKU, channel) pairs read and judged: in step or drifted. */
    int checked;
    /** Pairs that showed something else than the channel last confirmed, with nothing to explain it. */
    int drifted;
    /** Drifted pairs whose re-push was queued in the outbox. */
    int repaired;
    /** Pairs the channel could not say anything about (a failed or throttled read, an item it does not list). */
    int errors;
    /**
     * Pairs not judged because a change may be on its way to them: a push due or in flight, a read-back due, a Shopify
     * level still being explained, or a lower Amazon quantity the orders poll has not passed yet.
     */
    int skipped;
    /** Vendor requests the reads cost. */
    int apiCalls;
}

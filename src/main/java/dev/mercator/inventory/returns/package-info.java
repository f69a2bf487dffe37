/**
 * Returns by disposition (ADR 23): every return, from an Amazon report, Shopify or a merchant's own system, is recorded
 * once and routed by where it is and the state it came back in: sellable merchant-fulfilled units restock physical
 * through the ledger, FBA units never touch it, damage someone else owes for becomes a reimbursement claim alert.
 */
@NullMarked
package dev.mercator.inventory.returns;

import org.jspecify.annotations.NullMarked;

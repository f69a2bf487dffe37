/**
 * The ledger: every change to a physical count applied exactly once ({@link
 * dev.mercator.inventory.ledger.InventoryLedger}), the SKU mappings that resolve a channel's ids to a SKU, and the
 * inventory settings. A named interface because the channel adapters record the orders and levels they receive here;
 * no other module lists it among its allowed dependencies.
 */
@NamedInterface("ledger")
@NullMarked
package dev.mercator.inventory.ledger;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;

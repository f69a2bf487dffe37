/**
 * Inventory sync: one physical count per SKU, a buffer per channel, broadcast = physical − buffer pushed to Shopify and
 * Amazon within seconds, every change exactly once in an append-only ledger.
 */
@ApplicationModule(allowedDependencies = {"platform", "platform :: *", "audit", "merchants", "alerts"})
@NullMarked
package dev.mercator.inventory;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/**
 * The Shopify store simulator: the Admin GraphQL subset Mercator uses (inventory levels, {@code inventorySetQuantities}
 * with compare-and-set and {@code @idempotent}, the {@code orders} query with its refunds, cost throttling), on
 * graphql-java over an SDL with Shopify's names, per simulated shop; and signed webhooks delivered the way Shopify
 * delivers them: at least once, retried, possibly duplicated and out of order.
 */
@NullMarked
package dev.mercator.sandbox.shopify;

import org.jspecify.annotations.NullMarked;

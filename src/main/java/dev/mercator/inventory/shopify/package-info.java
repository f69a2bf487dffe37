/** Shopify adapter: signed webhooks in, Admin GraphQL inventory writes out. Shopify's field names stop here. */
@NullMarked
package dev.mercator.inventory.shopify;

import org.jspecify.annotations.NullMarked;

/** Simulator of eBay's Browse API and its client-credentials token endpoint. */
@NullMarked
package dev.mercator.sandbox.ebay;

import org.jspecify.annotations.NullMarked;

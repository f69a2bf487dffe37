/**
 * The sandbox's webhook receiver: bins that record what was posted to them, check Standard Webhooks signatures with a
 * verifier of their own, and answer errors or stall on demand.
 */
@NullMarked
package dev.mercator.sandbox.webhooks;

import org.jspecify.annotations.NullMarked;

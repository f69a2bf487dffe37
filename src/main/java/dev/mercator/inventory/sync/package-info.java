/**
 * The sync engine, internal to inventory: the outbox of (SKU, channel) rows with its transitions ({@link
 * dev.mercator.inventory.sync.ChannelOutbox}), the push pass that drains it, the read-back verifier, and the workers
 * that run them.
 */
@NullMarked
package dev.mercator.inventory.sync;

import org.jspecify.annotations.NullMarked;

/**
 * Drift repair, internal to inventory (ADR 24): reads what each channel really offers, compares it with what Mercator
 * last broadcast and the channel confirmed, and re-pushes through the sync outbox whatever differs for no reason Mercator
 * knows of; hourly per merchant on a staggered slot and on demand over {@code /api/reconciliation/runs}.
 */
@NullMarked
package dev.mercator.inventory.reconciliation;

import org.jspecify.annotations.NullMarked;

/**
 * The audit trail: who changed what in a merchant's account (counts, buffers, mappings, channels, credentials, keys,
 * alert reads), recorded append-only in a hash chain per merchant so an altered or deleted record is found. Modules
 * publish {@link dev.mercator.audit.AuditedChange} in the transaction that made the change; the trail records it through
 * the event publication registry. Merchants read and verify their trail over {@code /api/audit}, the operator across
 * merchants over {@code /api/admin/audit}.
 */
@ApplicationModule(allowedDependencies = {"platform", "platform :: *"})
@NullMarked
package dev.mercator.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

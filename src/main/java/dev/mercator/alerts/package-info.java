/**
 * The alert centre: one place every module raises its merchant alerts into (a push the channel keeps refusing, a
 * revoked token, a quota nearly spent) and clears them when the condition is over. Modules publish {@link
 * dev.mercator.alerts.AlertRaised} and {@link dev.mercator.alerts.AlertCleared} in the transaction that saw the
 * condition; the centre records them through the event publication registry, so an alert is not lost to a crash
 * between the two. Merchants read and acknowledge their alerts over {@code /api/alerts}.
 */
@ApplicationModule(allowedDependencies = {"platform", "platform :: *", "audit"})
@NullMarked
package dev.mercator.alerts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

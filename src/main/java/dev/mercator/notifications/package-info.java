/**
 * Notifications: merchants' destinations (email, Discord, SMS, Telegram, signed webhooks), the rules that route alerts
 * to them, and the delivery ledger that records every message from the moment its cause is committed until the
 * provider accepted, delivered or refused it. Listens to the alert centre's {@link dev.mercator.alerts.AlertOpened}.
 */
@ApplicationModule(allowedDependencies = {"platform", "platform :: *", "merchants", "alerts", "audit"})
@NullMarked
package dev.mercator.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

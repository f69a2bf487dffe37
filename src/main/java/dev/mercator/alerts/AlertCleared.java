package dev.mercator.alerts;

import dev.mercator.platform.MerchantId;
import java.time.Instant;

/** The condition behind the open alert of this merchant, type and subject no longer holds: the alert is resolved. */
public record AlertCleared(MerchantId merchant, AlertType type, String subject, Instant occurredAt) {}

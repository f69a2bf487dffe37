/**
 * Fraud scoring: every order placed scored 0 to 100 at ingest by the merchant's versioned rule set (data, editable
 * through the API), with reason codes, a review queue and backtests against chargebacks (ADR 34).
 */
@NullMarked
package dev.mercator.analytics.fraud;

import org.jspecify.annotations.NullMarked;

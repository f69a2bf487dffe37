/**
 * The SMS channel through Twilio: sends at most once, records recipients who opted out (STOP), and applies Twilio's
 * signed status callbacks to the delivery ledger.
 */
@NullMarked
package dev.mercator.notifications.sms;

import org.jspecify.annotations.NullMarked;

package dev.mercator.notifications.channel;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What became of one send, classed so the ledger knows whether to retry, stop, or wait for a receipt. */
public sealed interface SendOutcome {

    /** A bucket the channel learnt must rest, whatever the outcome. */
    Optional<RateHold> hold();

    /**
     * The provider accepted the message.
     *
     * @param providerMessageId its id at the provider (SMTP {@code Message-ID}, Discord message id, Twilio SID,
     *     Telegram message id, the webhook's {@code webhook-id})
     * @param awaitsReceipt whether a delivery receipt will follow ({@link DeliveryReports}): Twilio's status callback
     */
    record Accepted(String providerMessageId, boolean awaitsReceipt, Optional<RateHold> hold) implements SendOutcome {}

    /**
     * Refused for now (a 4xx SMTP reply, a 429, a 5xx, a refused connection): send again later, not before {@code
     * retryAfter} when the provider said so.
     *
     * @param errorClass a short stable class for the ledger and metrics ({@code rate_limited}, {@code server_error},
     *     {@code smtp_4xx}, {@code connect_failed})
     */
    record Transient(
            String errorClass, String reason, @Nullable Duration retryAfter, Optional<RateHold> hold)
            implements SendOutcome {}

    /**
     * Refused for good (a 5xx SMTP reply, an invalid number, a recipient who opted out, a webhook that no longer
     * exists): never sent again.
     *
     * @param destinationGone whether the destination itself is unusable (Discord 401/404, a bot the user blocked): the
     *     ledger disables it with this reason
     */
    record Permanent(String errorClass, String reason, boolean destinationGone) implements SendOutcome {
        @Override
        public Optional<RateHold> hold() {
            return Optional.empty();
        }
    }

    /**
     * The request may or may not have been accepted (a read timeout after the request was written): whether it is
     * sent again is the channel's policy ({@link ChannelSender#retriesUnknownOutcome()}, ADR 21).
     */
    record Unknown(String reason) implements SendOutcome {
        @Override
        public Optional<RateHold> hold() {
            return Optional.empty();
        }
    }
}

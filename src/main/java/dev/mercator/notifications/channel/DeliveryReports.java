package dev.mercator.notifications.channel;

import org.jspecify.annotations.Nullable;

/**
 * Where providers' delivery receipts go (Twilio's status callbacks): implemented by the ledger, which applies a report
 * only forward (sent, then delivered or undelivered/failed) and ignores one for a message it does not know.
 */
public interface DeliveryReports {

    enum ReportedStatus {
        SENT,
        DELIVERED,
        FAILED
    }

    /**
     * @param providerMessageId the id the provider gave when it accepted the message
     * @param errorCode the provider's code for a failure ({@code 30003}), if any
     * @return whether a delivery was found and moved forward
     */
    boolean report(
            ChannelKind kind,
            String providerMessageId,
            ReportedStatus status,
            @Nullable String errorCode,
            @Nullable String reason);
}

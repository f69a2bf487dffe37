package dev.mercator.notifications.channel;

import dev.mercator.platform.MerchantId;
import java.util.List;
import java.util.UUID;

/**
 * One message for one destination, as the ledger hands it to a channel.
 *
 * @param deliveryId the ledger row's id: stable across retries, so a channel that can pass an idempotency or message id
 *     ({@code Message-ID}, {@code webhook-id}) passes one derived from it and a retry of an unknown outcome can be
 *     recognised by the receiver
 * @param notices one notice, or several folded into a digest
 * @param transactional whether the merchant asked for it (a test message) rather than subscribed to it: only
 *     non-transactional e-mail carries an unsubscribe link
 * @param unsubscribeLink absolute URL that stops this destination's alerts, for {@code List-Unsubscribe}
 */
public record OutgoingMessage(
        UUID deliveryId,
        MerchantId merchant,
        List<Notice> notices,
        boolean digest,
        boolean transactional,
        String unsubscribeLink) {

    public OutgoingMessage {
        notices = List.copyOf(notices);
        if (notices.isEmpty()) {
            throw new IllegalArgumentException("a message carries at least one notice");
        }
    }
}

package dev.mercator.notifications.sms;

import dev.mercator.platform.ratelimit.SignedDeliveries;
import org.springframework.stereotype.Component;

/** Inbound messages carry Twilio's signature too: limited per address only if the signature fails. */
@Component
class TwilioInboundDeliveries implements SignedDeliveries {

    @Override
    public Endpoint endpoint() {
        return new Endpoint(
                "twilioInbound",
                TwilioCallbacks.INBOUND_PATH,
                TwilioCallbacks.SIGNATURE,
                "As Twilio's status callbacks: Base64 HMAC-SHA1 with the SMS destination's auth token over the exact"
                        + " URL and the sorted POST parameters",
                403);
    }
}

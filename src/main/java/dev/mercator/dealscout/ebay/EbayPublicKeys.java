package dev.mercator.dealscout.ebay;

import java.security.PublicKey;
import java.util.Optional;

/** The port to eBay's Notification API public keys, by the key id a notification's signature names. */
interface EbayPublicKeys {

    /** The key, or empty when eBay does not know that id; throws when eBay cannot be asked right now. */
    Optional<PublicKey> key(String keyId) throws Unavailable;

    /** eBay could not be reached or failed: the notification should be retried later (eBay does). */
    final class Unavailable extends Exception {

        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        Unavailable(String message) {
            super(message);
        }
    }
}

package dev.mercator.notifications.channel;

import dev.mercator.platform.MerchantId;
import java.util.Optional;
import java.util.UUID;

/**
 * A destination with its secrets decrypted, found by its id: how a provider's callback that names the destination
 * (Twilio's status callback and inbound-message URLs carry {@code ?destination=<id>}) is checked against that
 * destination's credentials before anything is changed. Implemented by the destinations store.
 */
public interface DestinationSecrets {

    /** The destination and the merchant that owns it; empty for an unknown or deleted destination. */
    Optional<Owned> find(UUID destinationId);

    /** A destination and its owner. */
    record Owned(MerchantId merchant, Target target) {}
}

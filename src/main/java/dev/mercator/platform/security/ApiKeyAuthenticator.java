package dev.mercator.platform.security;

import dev.mercator.platform.MerchantId;
import java.util.Optional;
import java.util.UUID;

/**
 * Port through which the HTTP edge resolves a presented API key to its merchant. Implemented by the merchants module,
 * which owns keys; the platform must not depend on it.
 */
public interface ApiKeyAuthenticator {

    Optional<KeyOwner> authenticate(String presentedKey);

    /** The merchant a key belongs to, and the key's id (rate limits are kept per key). */
    record KeyOwner(MerchantId merchant, UUID keyId) {}
}

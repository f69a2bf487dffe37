package dev.mercator.platform.crypto;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The keys in force: the current one encrypts, every one (current and previous) decrypts. Rotation is: make the new key
 * current, list the old one as previous, re-encrypt, then drop the old one.
 */
final class KeyRing {

    private final EncryptionKey current;
    private final Map<String, EncryptionKey> byId = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException if two different keys share an id (a 1 in 4 billion accident, but decryption
     *     would then pick the wrong one)
     */
    KeyRing(EncryptionKey current, Collection<EncryptionKey> previous) {
        this.current = current;
        for (EncryptionKey key :
                Stream.concat(Stream.of(current), previous.stream()).toList()) {
            EncryptionKey known = byId.putIfAbsent(key.id(), key);
            if (known != null && !known.equals(key)) {
                throw new IllegalArgumentException(
                        "two different keys share the id " + key.id() + "; replace one of them");
            }
        }
    }

    EncryptionKey current() {
        return current;
    }

    Optional<EncryptionKey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Set<String> ids() {
        return byId.keySet();
    }

    @Override
    public String toString() {
        return "KeyRing[current=" + current.id() + ", all=" + byId.keySet() + "]";
    }
}

/**
 * Encryption of secrets Mercator keeps for merchants: AES-256-GCM with a key ring (one current key that encrypts,
 * previous keys that only decrypt) so keys can be rotated without losing data.
 */
@NullMarked
package dev.mercator.platform.crypto;

import org.jspecify.annotations.NullMarked;

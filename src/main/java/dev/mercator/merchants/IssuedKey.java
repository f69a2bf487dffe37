package dev.mercator.merchants;

import dev.mercator.platform.MerchantId;
import java.util.UUID;

/** An API key as issued: the only moment its secret exists outside the caller's hands. */
public record IssuedKey(MerchantId merchant, UUID keyId, String apiKey) {

    @Override
    public String toString() {
        // Keep the secret out of any log line that prints this record.
        return "IssuedKey[merchant=" + merchant + ", keyId=" + keyId + "]";
    }
}

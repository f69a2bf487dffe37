package dev.mercator.platform;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** The tenant: every merchant-owned row and every merchant-scoped query carries one. */
public record MerchantId(@JsonValue UUID value) {

    public static MerchantId random() {
        return new MerchantId(UUID.randomUUID());
    }

    public static MerchantId of(String value) {
        return new MerchantId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

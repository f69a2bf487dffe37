package dev.mercator.sandbox.amazon;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A Feeds API document: an input feed the client uploads to its presigned URL, or a processing report the simulator
 * writes. Uploads and reads go through {@code /sandbox/amazon/_s3/...}, standing in for S3.
 */
final class SimDocument {

    final String id;
    final String sellerId;
    final String contentType;
    volatile byte @Nullable [] content;
    volatile Instant urlExpiresAt;

    SimDocument(String id, String sellerId, String contentType, byte @Nullable [] content, Instant urlExpiresAt) {
        this.id = id;
        this.sellerId = sellerId;
        this.contentType = contentType;
        this.content = content;
        this.urlExpiresAt = urlExpiresAt;
    }
}

package dev.mercator.sandbox.amazon;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A Feeds API document: an input feed the client uploads to its presigned URL, or a processing report the simulator
 * writes. Uploads and reads go through {@code /sandbox/amazon/_s3/...}, standing in for S3. A report may be stored
 * compressed; {@code getFeedDocument} then names the algorithm ({@code compressionAlgorithm: GZIP}) and the download
 * is the compressed bytes, with no {@code Content-Encoding}, as S3 serves it: decompressing is the client's job.
 */
final class SimDocument {

    final String id;
    final String sellerId;
    final String contentType;
    final @Nullable String compressionAlgorithm;
    volatile byte @Nullable [] content;
    volatile Instant urlExpiresAt;

    SimDocument(
            String id,
            String sellerId,
            String contentType,
            @Nullable String compressionAlgorithm,
            byte @Nullable [] content,
            Instant urlExpiresAt) {
        this.id = id;
        this.sellerId = sellerId;
        this.contentType = contentType;
        this.compressionAlgorithm = compressionAlgorithm;
        this.content = content;
        this.urlExpiresAt = urlExpiresAt;
    }
}

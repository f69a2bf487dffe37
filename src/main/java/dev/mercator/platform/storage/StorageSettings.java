package dev.mercator.platform.storage;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where objects are kept ({@code mercator.storage.*}, environment variables {@code MERCATOR_STORAGE_*}).
 *
 * @param type {@code directory} (default) or {@code s3}
 * @param directory the directory of the directory store
 * @param s3 the S3 store's settings, used when {@code type} is {@code s3}
 */
@Validated
@ConfigurationProperties("mercator.storage")
public record StorageSettings(
        @DefaultValue("directory") Type type,
        @DefaultValue("./data/objects") Path directory,
        @NotNull S3 s3) {

    public enum Type {
        DIRECTORY,
        S3
    }

    /**
     * @param bucket the bucket (must exist unless {@code createBucket})
     * @param region the signing region; S3-compatible servers mostly accept any
     * @param endpoint an endpoint override for an S3-compatible server (MinIO, Ceph, S3Proxy), empty for AWS
     * @param pathStyle path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible servers need
     * @param accessKeyId static credentials; empty uses the SDK's default chain (environment, profile, instance role)
     * @param secretAccessKey the secret of {@code accessKeyId}
     * @param prefix a key prefix inside the bucket, so one bucket can serve several installations
     * @param createBucket create the bucket at start-up when missing (development and tests)
     */
    public record S3(
            @DefaultValue("") String bucket,
            @DefaultValue("us-east-1") String region,
            @Nullable URI endpoint,
            @DefaultValue("false") boolean pathStyle,
            @DefaultValue("") String accessKeyId,
            @DefaultValue("") String secretAccessKey,
            @DefaultValue("") String prefix,
            @DefaultValue("false") boolean createBucket) {}

    public StorageSettings {
        if (type == Type.S3 && s3.bucket().isBlank()) {
            throw new IllegalArgumentException(
                    "mercator.storage.s3.bucket (MERCATOR_STORAGE_S3_BUCKET) is required when mercator.storage.type is s3");
        }
        if (!s3.prefix().isEmpty()) {
            ObjectStore.checkKey(s3.prefix());
        }
    }
}

package dev.mercator.platform.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3 bucket (AWS or any S3-compatible server) through the AWS SDK v2. The SDK's own retries with backoff
 * stay on; an object's content type is S3's own {@code Content-Type}, read back by a HEAD when listing.
 */
final class S3ObjectStore implements StorageConfiguration.ClosableStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3ObjectStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    static S3ObjectStore create(StorageSettings.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyle());
        if (settings.endpoint() != null) {
            // Since SDK 2.30 uploads carry CRC32 trailing checksums in aws-chunked bodies by default, which many
            // S3-compatible servers do not understand (S3Proxy answers that x-amz-content-sha256 does not match):
            // against them, checksums are sent and checked only where the operation requires one. AWS keeps the
            // defaults.
            builder.endpointOverride(settings.endpoint())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        S3ObjectStore store = new S3ObjectStore(builder.build(), settings.bucket(), settings.prefix());
        if (settings.createBucket()) {
            store.createBucketIfMissing();
        }
        return store;
    }

    private static AwsCredentialsProvider credentials(StorageSettings.S3 settings) {
        if (settings.accessKeyId().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
    }

    void createBucketIfMissing() {
        try {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        String full = prefix + ObjectStore.checkKey(key);
        try {
            s3.putObject(
                    b -> b.bucket(bucket).key(full).contentType(contentType).contentLength((long) bytes.length),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new ObjectStoreException("could not store " + key, e);
        }
    }

    @Override
    public Optional<StoredObject> get(String key) {
        String full = prefix + ObjectStore.checkKey(key);
        try {
            ResponseBytes<GetObjectResponse> response =
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(full));
            String type = response.response().contentType();
            return Optional.of(
                    new StoredObject(key, type == null ? "application/octet-stream" : type, response.asByteArray()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new ObjectStoreException("could not read " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        String full = prefix + ObjectStore.checkKey(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(full));
        } catch (SdkException e) {
            throw new ObjectStoreException("could not delete " + key, e);
        }
    }

    @Override
    public List<ObjectInfo> list(String keyPrefix) {
        List<ObjectInfo> found = new ArrayList<>();
        try {
            ListObjectsV2Request request = ListObjectsV2Request.builder()
                    .bucket(bucket)
                    .prefix(prefix + keyPrefix)
                    .build();
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request)) {
                for (S3Object object : page.contents()) {
                    // A "folder" marker (a key ending in /, as S3 consoles and some servers create) is no object:
                    // no key this store writes can end in a slash.
                    if (object.key().endsWith("/")) {
                        continue;
                    }
                    String key = object.key().substring(prefix.length());
                    String type = s3.headObject(b -> b.bucket(bucket).key(object.key()))
                            .contentType();
                    found.add(new ObjectInfo(key, type == null ? "application/octet-stream" : type, object.size()));
                }
            }
        } catch (SdkException e) {
            throw new ObjectStoreException("could not list " + keyPrefix, e);
        }
        return found;
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public void close() {
        s3.close();
    }
}

package dev.mercator.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.S3ProxyServer;
import java.net.URI;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The S3 adapter against S3Proxy, a real S3-compatible server in its own process (signatures checked). */
class S3ObjectStoreS3IntegrationTests extends ObjectStoreContract {

    private static S3ObjectStore store;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(
                Files.isRegularFile(S3ProxyServer.jar()),
                "S3Proxy's jar is missing at " + S3ProxyServer.jar()
                        + ": run through Maven (./mvnw verify copies it in generate-test-resources)");
        store = S3ObjectStore.create(settings(S3ProxyServer.CREDENTIAL));
    }

    static StorageSettings.S3 settings(String secret) {
        return new StorageSettings.S3(
                "contract-bucket",
                "us-east-1",
                URI.create(S3ProxyServer.shared().endpoint()),
                true,
                S3ProxyServer.IDENTITY,
                secret,
                "tenant-a",
                true);
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    ObjectStore store() {
        return store;
    }

    @Test
    void aWrongSecretIsRefusedByTheServerAsAStoreFailure() {
        try (S3ObjectStore wrong = new S3ObjectStore(
                software.amazon.awssdk.services.s3.S3Client.builder()
                        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                        .endpointOverride(URI.create(S3ProxyServer.shared().endpoint()))
                        .forcePathStyle(true)
                        .requestChecksumCalculation(
                                software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                        S3ProxyServer.IDENTITY, "not-the-secret")))
                        .build(),
                "contract-bucket",
                "")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrong.put("k.jpg", new byte[] {1}, "image/jpeg"))
                    .isInstanceOf(ObjectStore.ObjectStoreException.class);
        }
    }

    @Test
    void theKeyPrefixKeepsObjectsApartInOneBucket() {
        store.put("shared.jpg", new byte[] {7}, "image/jpeg");
        try (S3ObjectStore other = S3ObjectStore.create(new StorageSettings.S3(
                "contract-bucket",
                "us-east-1",
                URI.create(S3ProxyServer.shared().endpoint()),
                true,
                S3ProxyServer.IDENTITY,
                S3ProxyServer.CREDENTIAL,
                "tenant-b",
                true))) {
            assertThat(other.get("shared.jpg")).isEmpty();
        }
        assertThat(store.get("shared.jpg")).isPresent();
    }
}

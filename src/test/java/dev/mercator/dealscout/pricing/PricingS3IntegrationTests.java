package dev.mercator.dealscout.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.S3ProxyServer;
import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The seller flow with photos in S3, on S3Proxy, a real S3-compatible server started as a separate process (AWS
 * signatures checked, path-style addressing, endpoint override, static credentials).
 */
class PricingS3IntegrationTests extends PricingFlowContract {

    @BeforeAll
    static void serverJar() {
        Assumptions.assumeTrue(
                Files.isRegularFile(S3ProxyServer.jar()),
                "S3Proxy's jar is missing at " + S3ProxyServer.jar()
                        + ": run through Maven (./mvnw verify copies it in generate-test-resources)");
    }

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        if (!Files.isRegularFile(S3ProxyServer.jar())) {
            return;
        }
        registry.add("mercator.storage.type", () -> "s3");
        registry.add(
                "mercator.storage.s3.endpoint", () -> S3ProxyServer.shared().endpoint());
        registry.add("mercator.storage.s3.bucket", () -> "mercator-test-photos");
        // S3Proxy's filesystem backend refuses the location constraint the SDK sends when creating a bucket outside
        // us-east-1; the signing region is still checked on every request.
        registry.add("mercator.storage.s3.region", () -> "us-east-1");
        registry.add("mercator.storage.s3.path-style", () -> "true");
        registry.add("mercator.storage.s3.access-key-id", () -> S3ProxyServer.IDENTITY);
        registry.add("mercator.storage.s3.secret-access-key", () -> S3ProxyServer.CREDENTIAL);
        registry.add("mercator.storage.s3.prefix", () -> "mercator");
        registry.add("mercator.storage.s3.create-bucket", () -> "true");
    }

    @Test
    void theStoreIsS3() {
        assertThat(store.kind()).isEqualTo("s3");
    }
}

package dev.mercator.inventory.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.channel.PushRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** A backlog above {@code feed-threshold} (25 in these tests) goes as one JSON_LISTINGS_FEED. */
class AmazonFeedsIntegrationTests extends AmazonIntegrationTest {

    private static final int SKUS = 30;

    @Autowired
    AmazonGateway gateway;

    @Test
    void aLargeBacklogGoesAsOneFeedAndEveryQuantityLands() {
        AmazonSandbox.SellerBuilder builder = sandbox.newSeller();
        for (int i = 0; i < SKUS; i++) {
            builder.listing("F-" + i, 100, 2, "PRODUCT");
        }
        AmazonSandbox.Seller seller = builder.register();
        Shop shop = shop(seller);
        List<PushRequest> requests = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            requests.add(push("F-" + i, i));
        }

        List<PushOutcome> outcomes = gateway.push(shop.merchant(), requests);

        assertThat(outcomes)
                .hasSize(SKUS)
                .allSatisfy(outcome -> assertThat(outcome)
                        .isInstanceOfSatisfying(
                                PushOutcome.Accepted.class,
                                accepted -> assertThat(accepted.submissionId()).startsWith("feed:")));
        assertThat(sandbox.calls(seller, "createFeed")).isEqualTo(1);
        assertThat(sandbox.calls(seller, "patchListingsItem")).isZero();
        long feedCalls = sandbox.calls(seller, "createFeedDocument")
                + sandbox.calls(seller, "createFeed")
                + sandbox.calls(seller, "getFeed")
                + sandbox.calls(seller, "getFeedDocument");
        assertThat(feedCalls).isLessThan(SKUS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int i = 0; i < SKUS; i++) {
                assertThat(sandbox.quantity(seller, "F-" + i)).as("F-" + i).isEqualTo(i);
            }
        });
        // The feed's patches merge too: the handling time survives.
        assertThat(sandbox.listing(seller, "F-7").get("leadTimeToShipMaxDays").asInt())
                .isEqualTo(2);
        assertThat(sandbox.throttled(seller, "createFeed")).isZero();
    }

    /**
     * Amazon may send the processing report GZIP-compressed ({@code compressionAlgorithm: GZIP}) or plain; G-3's
     * rejection is in the report only, so it shows the report was read either way.
     */
    @ParameterizedTest(name = "report compressed: {0}")
    @ValueSource(booleans = {true, false})
    void messagesTheReportFlagsAreRejectedAndTheRestAccepted(boolean compressedReport) {
        AmazonSandbox.SellerBuilder builder = sandbox.newSeller();
        if (!compressedReport) {
            builder.uncompressedReports();
        }
        for (int i = 0; i < SKUS; i++) {
            builder.listing("G-" + i, 100);
        }
        AmazonSandbox.Seller seller = builder.register();
        Shop shop = shop(seller);
        // Mercator learns G-3's product type, then the listing changes type on Amazon: its feed message is invalid.
        gateway.push(shop.merchant(), List.of(push("G-3", 50)));
        sandbox.addListing(seller, "G-3", 100, "LIGHT_FIXTURE");
        List<PushRequest> requests = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            requests.add(push("G-" + i, i));
        }
        requests.add(push("NOT-ON-AMAZON", 1));

        List<PushOutcome> outcomes = gateway.push(shop.merchant(), requests);

        assertThat(outcomes).hasSize(SKUS + 1);
        assertThat(outcomes)
                .filteredOn(o -> o.sku().equals("G-3"))
                .singleElement()
                .isInstanceOfSatisfying(
                        PushOutcome.Rejected.class,
                        r -> assertThat(r.reason()).contains("does not match the product type"));
        assertThat(outcomes)
                .filteredOn(o -> o.sku().equals("NOT-ON-AMAZON"))
                .singleElement()
                .isInstanceOf(PushOutcome.Rejected.class);
        assertThat(outcomes)
                .filteredOn(o -> !o.sku().equals("G-3") && !o.sku().equals("NOT-ON-AMAZON"))
                .hasSize(SKUS - 1)
                .allSatisfy(o -> assertThat(o).isInstanceOf(PushOutcome.Accepted.class));
        assertThat(sandbox.calls(seller, "createFeed")).isEqualTo(1);
    }

    @Test
    void aFeedThatCannotBeSubmittedLeavesEverySkuTransient() {
        AmazonSandbox.SellerBuilder builder = sandbox.newSeller();
        for (int i = 0; i < SKUS; i++) {
            builder.listing("H-" + i, 100);
        }
        AmazonSandbox.Seller seller = builder.register();
        Shop shop = shop(seller);
        List<PushRequest> requests = new ArrayList<>();
        for (int i = 0; i < SKUS; i++) {
            requests.add(push("H-" + i, i));
        }
        sandbox.faults(java.util.Map.of("errorRate", 1.0));

        List<PushOutcome> outcomes = gateway.push(shop.merchant(), requests);

        assertThat(outcomes).hasSize(SKUS).allSatisfy(o -> assertThat(o).isInstanceOf(PushOutcome.Transient.class));
    }
}

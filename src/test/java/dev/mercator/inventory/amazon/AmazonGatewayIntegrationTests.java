package dev.mercator.inventory.amazon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercator.inventory.channel.Channel;
import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.channel.ReadBack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AmazonGatewayIntegrationTests extends AmazonIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    AmazonGateway gateway;

    @Test
    void isTheAmazonChannel() {
        assertThat(gateway.channel()).isEqualTo(Channel.AMAZON);
    }

    @Test
    void mergePatchSetsTheQuantityAndKeepsTheHandlingTime() {
        AmazonSandbox.Seller seller =
                sandbox.newSeller().listing("MUG-RED", 10, 3, "DRINKING_CUP").register();
        Shop shop = shop(seller);

        List<PushOutcome> outcomes = gateway.push(shop.merchant(), List.of(push("MUG-RED", 7)));

        assertThat(outcomes).singleElement().isInstanceOfSatisfying(PushOutcome.Accepted.class, accepted -> {
            assertThat(accepted.sku()).isEqualTo("MUG-RED");
            assertThat(accepted.quantity()).isEqualTo(7);
            assertThat(accepted.submissionId()).isNotBlank();
        });
        await().atMost(PATIENCE).until(() -> sandbox.quantity(seller, "MUG-RED") == 7);
        assertThat(sandbox.listing(seller, "MUG-RED")
                        .get("leadTimeToShipMaxDays")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void acceptedIsNotAppliedUntilAmazonShowsItAndReadBackThenSeesIt() {
        AmazonSandbox.Seller seller = sandbox.newSeller().listing("SKU-A", 10).register();
        Shop shop = shop(seller);

        assertThat(gateway.push(shop.merchant(), List.of(push("SKU-A", 4))))
                .singleElement()
                .isInstanceOf(PushOutcome.Accepted.class);

        // The simulator's visibility delay (3 s) has not passed: Amazon still shows the old quantity.
        assertThat(gateway.readBack(shop.merchant(), target("SKU-A"))).isEqualTo(new ReadBack.Shown(10));
        assertThat(sandbox.listing(seller, "SKU-A").get("pendingChanges").asInt())
                .isEqualTo(1);
        await().atMost(PATIENCE)
                .until(() -> gateway.readBack(shop.merchant(), target("SKU-A")).equals(new ReadBack.Shown(4)));
    }

    @Test
    void readBackOfASkuAmazonDoesNotListSaysSoRatherThanNothing() {
        AmazonSandbox.Seller seller = sandbox.newSeller().listing("LISTED", 2).register();
        Shop shop = shop(seller);

        assertThat(gateway.readBack(shop.merchant(), target("NEVER-LISTED")))
                .isInstanceOfSatisfying(
                        ReadBack.NotListed.class,
                        notListed -> assertThat(notListed.reason()).contains("NEVER-LISTED"));
    }

    @Test
    void productTypeIsReadOnceFromTheListingAndCached() {
        AmazonSandbox.Seller seller =
                sandbox.newSeller().listing("BAG-1", 5, null, "LUGGAGE").register();
        Shop shop = shop(seller);

        gateway.push(shop.merchant(), List.of(push("BAG-1", 4)));
        gateway.push(shop.merchant(), List.of(push("BAG-1", 3)));

        assertThat(sandbox.calls(seller, "getListingsItem")).isEqualTo(1);
        assertThat(sandbox.calls(seller, "patchListingsItem")).isEqualTo(2);
    }

    @Test
    void anInvalidSubmissionIsRejectedWithAmazonsIssue() {
        AmazonSandbox.Seller seller =
                sandbox.newSeller().listing("LAMP-1", 5, null, "LAMP").register();
        Shop shop = shop(seller);
        gateway.push(shop.merchant(), List.of(push("LAMP-1", 4)));
        // The listing's product type changed on Amazon after Mercator cached it: Amazon answers 200 INVALID.
        sandbox.addListing(seller, "LAMP-1", 5, "LIGHT_FIXTURE");

        List<PushOutcome> outcomes = gateway.push(shop.merchant(), List.of(push("LAMP-1", 3)));

        assertThat(outcomes)
                .singleElement()
                .isInstanceOfSatisfying(
                        PushOutcome.Rejected.class,
                        rejected -> assertThat(rejected.reason())
                                .contains("INVALID")
                                .contains("does not match the product type"));
    }

    @Test
    void aSkuAmazonDoesNotKnowIsRejected() {
        AmazonSandbox.Seller seller = sandbox.newSeller().listing("KNOWN", 5).register();
        Shop shop = shop(seller);

        List<PushOutcome> outcomes = gateway.push(shop.merchant(), List.of(push("UNKNOWN", 3), push("KNOWN", 2)));

        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0))
                .isInstanceOfSatisfying(
                        PushOutcome.Rejected.class,
                        rejected -> assertThat(rejected.reason())
                                .contains("UNKNOWN")
                                .contains("not listed"));
        // One SKU's problem does not stop the others.
        assertThat(outcomes.get(1)).isInstanceOf(PushOutcome.Accepted.class);
    }

    @Test
    void serverErrorsAreTransient() {
        AmazonSandbox.Seller seller =
                sandbox.newSeller().listing("S-1", 5).listing("S-2", 5).register();
        Shop shop = shop(seller);
        sandbox.faults(Map.of("errorRate", 1.0));

        List<PushOutcome> outcomes = gateway.push(shop.merchant(), List.of(push("S-1", 1), push("S-2", 2)));

        assertThat(outcomes)
                .hasSize(2)
                .allSatisfy(outcome -> assertThat(outcome).isInstanceOf(PushOutcome.Transient.class));
    }

    @Test
    void anOutageIsTransient() {
        AmazonSandbox.Seller seller = sandbox.newSeller().listing("O-1", 5).register();
        Shop shop = shop(seller);
        gateway.push(shop.merchant(), List.of(push("O-1", 4)));
        sandbox.faults(Map.of("outage", true));

        List<PushOutcome> outcomes = gateway.push(shop.merchant(), List.of(push("O-1", 3)));

        assertThat(outcomes)
                .singleElement()
                .isInstanceOfSatisfying(
                        PushOutcome.Transient.class, t -> assertThat(t.reason()).contains("503"));
        assertThat(gateway.readBack(shop.merchant(), target("O-1"))).isEqualTo(ReadBack.unreadable());
    }

    @Test
    void aMerchantWithoutAmazonIsRejected() {
        Tenant tenant = newMerchant("No Amazon");

        List<PushOutcome> outcomes =
                gateway.push(dev.mercator.platform.MerchantId.of(tenant.id()), List.of(push("X", 1)));

        assertThat(outcomes).singleElement().isInstanceOf(PushOutcome.Rejected.class);
    }

    @Test
    void accessTokenIsCachedAndReplacedBeforeItExpires() {
        AmazonSandbox.Seller seller = sandbox.newSeller().listing("T-1", 5).register();
        Shop shop = shop(seller);

        gateway.readBack(shop.merchant(), target("T-1"));
        gateway.readBack(shop.merchant(), target("T-1"));
        assertThat(sandbox.tokensIssued(seller)).isEqualTo(1);

        // Tokens live 6 s and are replaced 3 s before that: keep calling until a second one is minted.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            gateway.readBack(shop.merchant(), target("T-1"));
            return sandbox.tokensIssued(seller) == 2;
        });
        // No call ever went out with an expired token.
        assertThat(sandbox.unauthorized(seller)).isZero();
    }

    @Test
    void aRefusedTokenIsReplacedOnceAndTheCallRetried() {
        AmazonSandbox.Seller seller = sandbox.newSeller().listing("R-1", 5).register();
        Shop shop = shop(seller);
        gateway.push(shop.merchant(), List.of(push("R-1", 4)));
        sandbox.expireAccessTokens(seller);

        List<PushOutcome> outcomes = gateway.push(shop.merchant(), List.of(push("R-1", 3)));

        assertThat(outcomes).singleElement().isInstanceOf(PushOutcome.Accepted.class);
        assertThat(sandbox.unauthorized(seller)).isEqualTo(1);
        assertThat(sandbox.tokensIssued(seller)).isEqualTo(2);
        assertThat(sandbox.calls(seller, "patchListingsItem")).isEqualTo(3);
    }

    @Test
    void aRevokedRefreshTokenRejectsThePushWithoutSpendingQuota() {
        AmazonSandbox.Seller seller =
                sandbox.newSeller().listing("V-1", 5).listing("V-2", 5).register();
        Shop shop = shop(seller);
        gateway.push(shop.merchant(), List.of(push("V-1", 4)));
        sandbox.revokeRefreshToken(seller);
        sandbox.expireAccessTokens(seller);

        List<PushOutcome> outcomes = gateway.push(shop.merchant(), List.of(push("V-1", 3), push("V-2", 3)));

        assertThat(outcomes)
                .hasSize(2)
                .allSatisfy(outcome -> assertThat(outcome)
                        .isInstanceOfSatisfying(
                                PushOutcome.Rejected.class,
                                r -> assertThat(r.reason()).contains("invalid_grant")));
        // One patch with the dead token, then LWA says no: V-2 is not even tried.
        assertThat(sandbox.calls(seller, "patchListingsItem")).isEqualTo(2);
        // The merchant hears of it once, from the alert centre, whatever the number of SKUs refused.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(shop.tenant()
                                .api()
                                .get("/api/alerts?type=amazon.token_revoked")
                                .json()
                                .get("items"))
                        .singleElement()
                        .satisfies(alert -> {
                            assertThat(alert.get("subject").asString()).isEqualTo("Amazon seller " + seller.sellerId());
                            assertThat(alert.get("severity").asString()).isEqualTo("critical");
                            assertThat(alert.get("state").asString()).isEqualTo("open");
                            assertThat(alert.get("message").asString()).contains("invalid_grant");
                        }));
    }

    @Test
    void concurrentCallersForOneSellerMintOneToken() throws Exception {
        AmazonSandbox.Seller seller = sandbox.newSeller().listing("C-1", 5).register();
        Shop shop = shop(seller);

        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<ReadBack>> reads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                reads.add(pool.submit(() -> gateway.readBack(shop.merchant(), target("C-1"))));
            }
            for (Future<ReadBack> read : reads) {
                assertThat(read.get()).isEqualTo(new ReadBack.Shown(5));
            }
        }

        assertThat(sandbox.tokensIssued(seller)).isEqualTo(1);
    }
}

package dev.mercator.marketplaces.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mercator.marketplaces.Lane;
import dev.mercator.marketplaces.Marketplace;
import dev.mercator.marketplaces.SourceFailure;
import dev.mercator.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Marketplace conditions reach the alert centre: a refusal of a merchant's own credentials that merchant alone, and
 * what the instance's accounts suffer (the shared daily quota, a refused instance credential) every merchant; each is
 * resolved when it passes.
 */
@TestPropertySource(properties = "mercator.catalog.alerts.instance-wide=true")
class MarketplaceAlertsIntegrationTests extends IntegrationTest {

    @Autowired
    MarketplaceCalls calls;

    @Autowired
    MarketplaceAlerts alerts;

    @Test
    void aMerchantsOwnRefusedCredentialsAreThatMerchantsAlertAloneAndASuccessResolvesIt() throws Exception {
        Tenant owner = newMerchant("Own eBay keys");
        Tenant other = newMerchant("Instance eBay keys");

        assertThatThrownBy(() -> calls.call(Marketplace.EBAY, Lane.INTERACTIVE, owner.id(), () -> {
                    throw new SourceFailure(
                            Marketplace.EBAY, SourceFailure.Kind.PERMANENT, "invalid_client", (Duration) null);
                }))
                .isInstanceOf(SourceFailure.class);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(alerts(owner, "catalog.provider_unhealthy"))
                        .singleElement()
                        .satisfies(alert -> {
                            assertThat(alert.get("subject").asString()).isEqualTo("marketplace ebay");
                            assertThat(alert.get("message").asString())
                                    .contains("your own credentials")
                                    .contains("invalid_client");
                            assertThat(alert.get("state").asString()).isEqualTo("open");
                        }));

        assertThat(calls.call(Marketplace.EBAY, Lane.INTERACTIVE, owner.id(), () -> "found"))
                .isEqualTo("found");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(alerts(owner, "catalog.provider_unhealthy"))
                        .singleElement()
                        .satisfies(alert ->
                                assertThat(alert.get("state").asString()).isEqualTo("resolved")));
        assertThat(alerts(other, "catalog.provider_unhealthy")).isEmpty();
    }

    @Test
    void theSharedQuotaWarningReachesEveryMerchantAndANewDayResolvesIt() {
        Tenant first = newMerchant("Quota one");
        Tenant second = newMerchant("Quota two");

        alerts.quotaWarning(Marketplace.AMAZON, 80, 8640);

        for (Tenant merchant : new Tenant[] {first, second}) {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(alerts(merchant, "catalog.quota_80"))
                            .singleElement()
                            .satisfies(alert -> {
                                assertThat(alert.get("severity").asString()).isEqualTo("warning");
                                assertThat(alert.get("message").asString()).contains("8640");
                            }));
        }

        alerts.quotaRenewed(Marketplace.AMAZON);

        for (Tenant merchant : new Tenant[] {first, second}) {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(alerts(merchant, "catalog.quota_80"))
                            .singleElement()
                            .satisfies(alert ->
                                    assertThat(alert.get("state").asString()).isEqualTo("resolved")));
        }
    }

    private static JsonNode alerts(Tenant merchant, String type) {
        return merchant.api().get("/api/alerts?type=" + type).json().get("items");
    }
}

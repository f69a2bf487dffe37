package dev.mercator.inventory.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.inventory.channel.PushOutcome;
import dev.mercator.inventory.channel.PushRequest;
import dev.mercator.inventory.channel.PushTarget;
import dev.mercator.inventory.channel.ReadBack;
import dev.mercator.platform.MerchantId;
import dev.mercator.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Shopify left in sandbox mode while the sandbox is off (as in prod): pushes say why instead of failing with 404s. */
@TestPropertySource(properties = "mercator.sandbox.enabled=false")
class ShopifyGatewaySandboxDisabledIntegrationTests extends IntegrationTest {

    @Autowired
    ShopifyGateway gateway;

    @Test
    void pushesAreRejectedNamingTheSettingToChange() {
        PushTarget target = new PushTarget("MUG", null, null, "123", null);

        List<PushOutcome> outcomes = gateway.push(MerchantId.random(), List.of(new PushRequest(target, 1, 2, "key-1")));

        assertThat(outcomes)
                .singleElement()
                .isInstanceOfSatisfying(
                        PushOutcome.Rejected.class,
                        rejected -> assertThat(rejected.reason())
                                .contains("sandbox is disabled")
                                .contains("MERCATOR_SHOPIFY_MODE"));
        assertThat(gateway.readBack(MerchantId.random(), target)).isEqualTo(ReadBack.unreadable());
    }
}

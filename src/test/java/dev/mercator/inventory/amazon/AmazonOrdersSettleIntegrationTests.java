package dev.mercator.inventory.amazon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Amazon's searchOrders window must end two minutes before now. A seller connected a moment ago has a watermark younger
 * than that: the window would end before it starts, which Amazon refuses (400 InvalidInput) while charging one of its
 * scarcest calls. Such a poll asks nothing.
 */
@TestPropertySource(
        properties = {"mercator.sandbox.amazon.orders-settle=2m", "mercator.providers.amazon.orders-settle=2m"})
class AmazonOrdersSettleIntegrationTests extends AmazonIntegrationTest {

    @Autowired
    AmazonOrdersPoller poller;

    @Test
    void aSellerConnectedAMomentAgoIsNotAskedForAWindowThatEndsBeforeItStarts() {
        Shop shop = shop(sandbox.newSeller().register());
        shop.setPhysical("MUG", 10);
        sandbox.seedOrder(shop.seller(), "UNSHIPPED", "MERCHANT", Map.of("MUG", 2));

        AmazonOrdersPoller.Poll poll = poller.poll(shop.merchant());
        poller.pollAll();

        assertThat(poll.orders()).isZero();
        assertThat(poll.watermark())
                .as("the watermark stays until the window can exist")
                .isNull();
        assertThat(sandbox.calls(shop.seller(), "searchOrders"))
                .as("no call Amazon would refuse")
                .isZero();
        assertThat(shop.physical("MUG")).isEqualTo(10);
    }
}

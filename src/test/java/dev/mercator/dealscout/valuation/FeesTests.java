package dev.mercator.dealscout.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.mercator.marketplaces.Marketplace;
import org.junit.jupiter.api.Test;

class FeesTests {

    private final Fees fees = new Fees(FeeSettings.defaults());

    @Test
    void ebayTakesItsPercentOfTheTotalPlusAPerOrderFeeThatIsSmallerUpToTenDollars() {
        assertThat(fees.on(Marketplace.EBAY, 100)).isCloseTo(13.25 + 0.40, within(1e-9));
        assertThat(fees.on(Marketplace.EBAY, 10)).isCloseTo(1.325 + 0.30, within(1e-9));
        assertThat(fees.on(Marketplace.EBAY, 10.01)).isCloseTo(1.326325 + 0.40, within(1e-9));
    }

    @Test
    void amazonTakesItsReferralFeeButNeverLessThanTheMinimum() {
        assertThat(fees.on(Marketplace.AMAZON, 100)).isCloseTo(15, within(1e-9));
        assertThat(fees.on(Marketplace.AMAZON, 1)).isCloseTo(0.30, within(1e-9));
        Fees individual = new Fees(new FeeSettings(13.25, 0.40, 0.30, 10, 15, 0.30, 0.99, 8));
        assertThat(individual.on(Marketplace.AMAZON, 100)).isCloseTo(15.99, within(1e-9));
    }

    @Test
    void aliexpressTakesItsCommission() {
        assertThat(fees.on(Marketplace.ALIEXPRESS, 50)).isCloseTo(4, within(1e-9));
    }

    @Test
    void theNetMarginIsWhatIsLeftAfterFeesShippingAndThePurchase() {
        NetMargin margin = fees.margin(Marketplace.EBAY, 60, 100, 8);

        assertThat(margin.fees()).isEqualTo(13.65);
        assertThat(margin.net()).isEqualTo(18.35);
        assertThat(margin.marginOnCost()).isEqualTo(0.3058);
    }

    @Test
    void aLossIsANegativeMargin() {
        NetMargin margin = fees.margin(Marketplace.AMAZON, 95, 100, 5);

        assertThat(margin.net()).isEqualTo(-15.0);
        assertThat(margin.marginOnCost()).isLessThan(0);
    }

    @Test
    void proceedsAreTheSalePriceLessFeesAndOutboundShippingWithoutAPurchaseCost() {
        Proceeds ebay = fees.proceeds(Marketplace.EBAY, 100, 8);
        Proceeds amazon = fees.proceeds(Marketplace.AMAZON, 100, 0);

        assertThat(ebay.fees()).isEqualTo(13.65);
        assertThat(ebay.outboundShipping()).isEqualTo(8.0);
        assertThat(ebay.net()).isEqualTo(78.35);
        assertThat(amazon.net()).isEqualTo(85.0);
    }

    @Test
    void proceedsCanBeNegativeWhenShippingExceedsWhatTheSaleLeaves() {
        assertThat(fees.proceeds(Marketplace.EBAY, 5, 6).net()).isEqualTo(-1.96);
    }

    @Test
    void proceedsRefuseANonPositivePriceAndNegativeShipping() {
        assertThatIllegalArgumentException().isThrownBy(() -> fees.proceeds(Marketplace.EBAY, 0, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> fees.proceeds(Marketplace.EBAY, 10, -1));
    }
}

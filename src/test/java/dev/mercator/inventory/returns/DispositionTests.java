package dev.mercator.inventory.returns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DispositionTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // Amazon's FBA customer returns report
        "SELLABLE, SELLABLE",
        "DEFECTIVE, DEFECTIVE",
        "CUSTOMER_DAMAGED, CUSTOMER_DAMAGED",
        "CARRIER_DAMAGED, CARRIER_DAMAGED",
        "DISTRIBUTOR_DAMAGED, DISTRIBUTOR_DAMAGED",
        "WAREHOUSE_DAMAGED, WAREHOUSE_DAMAGED",
        "EXPIRED, EXPIRED",
        // the seed's six (UNKNOWN below)
        "DAMAGED, CUSTOMER_DAMAGED",
        "UNSELLABLE, UNSELLABLE",
        // Shopify's reverse-fulfillment dispositions
        "RESTOCKED, SELLABLE",
        "NOT_RESTOCKED, UNSELLABLE",
        "MISSING, MISSING",
        // spelled loosely
        "customer damaged, CUSTOMER_DAMAGED",
        "carrier-damaged, CARRIER_DAMAGED",
    })
    void everySourcesValueMapsToOneInternalDisposition(String reported, Disposition internal) {
        assertThat(Disposition.fromReported(reported)).contains(internal);
    }

    @ParameterizedTest
    @CsvSource({"UNKNOWN", "PROCESSING_REQUIRED", "SHINY", "''"})
    void aValueNobodyKnowsIsNeverGuessed(String reported) {
        assertThat(Disposition.fromReported(reported)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "CARRIER_DAMAGED, true",
        "DISTRIBUTOR_DAMAGED, true",
        "WAREHOUSE_DAMAGED, true",
        "CUSTOMER_DAMAGED, false",
        "DEFECTIVE, false",
        "SELLABLE, false"
    })
    void onlyDamageSomeoneElseCausedIsClaimable(Disposition disposition, boolean claimable) {
        assertThat(disposition.claimable()).isEqualTo(claimable);
    }
}

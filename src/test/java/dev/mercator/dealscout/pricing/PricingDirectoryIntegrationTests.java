package dev.mercator.dealscout.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The seller flow with photos in the default directory store. */
class PricingDirectoryIntegrationTests extends PricingFlowContract {

    @Test
    void theStoreIsTheDirectoryStore() {
        assertThat(store.kind()).isEqualTo("directory");
    }
}

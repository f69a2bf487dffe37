package dev.mercator.catalog.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.support.RedisSuite;
import org.junit.jupiter.api.Test;

@RedisSuite
class CatalogCacheRedisIntegrationTests extends CatalogCacheIntegrationTests {

    @Test
    @Override
    void withoutASharedLevelAForgottenResultIsFetchedAgain() {
        // Not applicable: Redis is the shared level here.
    }

    @Test
    void redisAnswersWhenTheLocalLevelForgot() throws Exception {
        assertThat(callsAfterTheLocalLevelForgot()).isEqualTo(1);
    }
}

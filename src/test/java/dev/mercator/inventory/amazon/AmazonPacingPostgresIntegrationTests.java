package dev.mercator.inventory.amazon;

import dev.mercator.support.PostgresSuite;
import org.springframework.test.context.TestPropertySource;

/** The pacing guarantees with the shared buckets in PostgreSQL. */
@PostgresSuite
@TestPropertySource(properties = {AmazonIntegrationTest.SMALL_POOL, AmazonIntegrationTest.FEW_IDLE})
class AmazonPacingPostgresIntegrationTests extends AmazonPacingIntegrationTests {}

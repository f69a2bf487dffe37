package dev.mercator.inventory.amazon;

import dev.mercator.support.PostgresSuite;

/** The pacing guarantees with the shared buckets in PostgreSQL. */
@PostgresSuite
class AmazonPacingPostgresIntegrationTests extends AmazonPacingIntegrationTests {}

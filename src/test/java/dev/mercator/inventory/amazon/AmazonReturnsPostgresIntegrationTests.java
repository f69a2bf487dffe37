package dev.mercator.inventory.amazon;

import dev.mercator.support.PostgresSuite;

/** Amazon's returns reports against PostgreSQL: a document applied in one transaction with its watermark, once. */
@PostgresSuite
class AmazonReturnsPostgresIntegrationTests extends AmazonReturnsIntegrationTests {}

package dev.mercator.inventory.amazon;

import dev.mercator.support.PostgresSuite;

/** The orders poller, its watermark table and the ledger's deduplication on PostgreSQL. */
@PostgresSuite
class AmazonOrdersPostgresIntegrationTests extends AmazonOrdersIntegrationTests {}

package dev.mercator.inventory.amazon;

import dev.mercator.support.PostgresSuite;
import org.springframework.test.context.TestPropertySource;

/** The orders poller, its watermark table and the ledger's deduplication on PostgreSQL. */
@PostgresSuite
@TestPropertySource(properties = {AmazonIntegrationTest.SMALL_POOL, AmazonIntegrationTest.FEW_IDLE})
class AmazonOrdersPostgresIntegrationTests extends AmazonOrdersIntegrationTests {}

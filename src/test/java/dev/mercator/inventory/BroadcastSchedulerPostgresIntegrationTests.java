package dev.mercator.inventory;

import dev.mercator.support.PostgresSuite;

/** The outbox scheduler on PostgreSQL: leases under real concurrency. */
@PostgresSuite
class BroadcastSchedulerPostgresIntegrationTests extends BroadcastSchedulerIntegrationTests {}

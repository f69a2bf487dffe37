package dev.mercator.inventory.sync;

import dev.mercator.support.PostgresSuite;

/** The outbox scheduler on PostgreSQL: leases under real concurrency. */
@PostgresSuite
class BroadcastSchedulerPostgresIntegrationTests extends BroadcastSchedulerIntegrationTests {}

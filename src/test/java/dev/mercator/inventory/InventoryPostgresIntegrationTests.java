package dev.mercator.inventory;

import dev.mercator.support.PostgresSuite;

/** The inventory suite against PostgreSQL: row locks, upserts and concurrency on the production database. */
@PostgresSuite
class InventoryPostgresIntegrationTests extends InventoryIntegrationTests {}

package dev.mercator.inventory.returns;

import dev.mercator.support.PostgresSuite;

/** Returns against PostgreSQL: the dedup key, the inspection's row lock under concurrent requests, the filters. */
@PostgresSuite
class ReturnsPostgresIntegrationTests extends ReturnsIntegrationTests {}

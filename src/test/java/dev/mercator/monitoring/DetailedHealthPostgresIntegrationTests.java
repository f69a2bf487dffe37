package dev.mercator.monitoring;

import dev.mercator.support.PostgresSuite;

/** The detailed health suite against PostgreSQL. */
@PostgresSuite
class DetailedHealthPostgresIntegrationTests extends DetailedHealthIntegrationTests {}

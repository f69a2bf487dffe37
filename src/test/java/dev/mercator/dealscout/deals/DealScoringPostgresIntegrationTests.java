package dev.mercator.dealscout.deals;

import dev.mercator.support.PostgresSuite;

/** The scoring pipeline suite against PostgreSQL. */
@PostgresSuite
class DealScoringPostgresIntegrationTests extends DealScoringIntegrationTests {}

package dev.mercator.analytics.fraud;

import dev.mercator.support.PostgresSuite;

/** The fraud suite against PostgreSQL: the feature SQL, averages and ON CONFLICT inserts there. */
@PostgresSuite
class FraudPostgresIntegrationTests extends FraudIntegrationTests {}

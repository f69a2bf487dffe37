package dev.mercator.analytics.metrics;

import dev.mercator.support.PostgresSuite;

/** The sales suite against PostgreSQL. */
@PostgresSuite
class SalesMetricsPostgresIntegrationTests extends SalesMetricsIntegrationTests {}

package dev.mercator.analytics.intake;

import dev.mercator.support.PostgresSuite;

/** The intake suite against PostgreSQL: duplicates there meet the primary key through ON CONFLICT. */
@PostgresSuite
class AnalyticsIntakePostgresIntegrationTests extends AnalyticsIntakeIntegrationTests {}

package dev.mercator.dealscout.pricing;

import dev.mercator.support.PostgresSuite;

/** The seller flow on the directory store against PostgreSQL. */
@PostgresSuite
class PricingDirectoryPostgresIntegrationTests extends PricingDirectoryIntegrationTests {}

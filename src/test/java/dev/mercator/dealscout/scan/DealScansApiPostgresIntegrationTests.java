package dev.mercator.dealscout.scan;

import dev.mercator.support.PostgresSuite;

/** The scans API suite against PostgreSQL. */
@PostgresSuite
class DealScansApiPostgresIntegrationTests extends DealScansApiIntegrationTests {}

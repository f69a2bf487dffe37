package dev.mercator.dealscout.scan;

import dev.mercator.support.PostgresSuite;

/** The scan runs suite against PostgreSQL. */
@PostgresSuite
class DealScanRunsPostgresIntegrationTests extends DealScanRunsIntegrationTests {}

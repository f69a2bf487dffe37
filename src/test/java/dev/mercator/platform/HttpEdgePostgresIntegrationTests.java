package dev.mercator.platform;

import dev.mercator.support.PostgresSuite;

/** The HTTP edge suite against PostgreSQL: nothing half-stored there either. */
@PostgresSuite
class HttpEdgePostgresIntegrationTests extends HttpEdgeIntegrationTests {}

package dev.mercator.merchants;

import dev.mercator.support.PostgresSuite;

/** The merchant suite against PostgreSQL. */
@PostgresSuite
class MerchantsPostgresIntegrationTests extends MerchantsIntegrationTests {}

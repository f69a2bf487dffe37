package dev.mercator.merchants;

import dev.mercator.support.PostgresSuite;

/** The credential vault suite against PostgreSQL. */
@PostgresSuite
class CredentialsPostgresIntegrationTests extends CredentialsIntegrationTests {}

package dev.mercator.dealscout.watch;

import dev.mercator.support.PostgresSuite;

/** The watches suite against PostgreSQL. */
@PostgresSuite
class DealWatchesPostgresIntegrationTests extends DealWatchesIntegrationTests {}

package dev.mercator.analytics.lake;

import dev.mercator.support.PostgresSuite;

/** The flusher suite against PostgreSQL: the claim, the manifest and the one-statement snapshot there. */
@PostgresSuite
class LakeFlushPostgresIntegrationTests extends LakeFlushIntegrationTests {}

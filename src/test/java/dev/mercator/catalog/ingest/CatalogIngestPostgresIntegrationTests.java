package dev.mercator.catalog.ingest;

import dev.mercator.support.PostgresSuite;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The import suite on PostgreSQL. Its context is one more than the shared ones, so it keeps a small pool and closes
 * when done: the test server's connection limit is shared by every PostgreSQL suite of the build.
 */
@PostgresSuite
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=4")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CatalogIngestPostgresIntegrationTests extends CatalogIngestIntegrationTests {}

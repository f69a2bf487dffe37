package dev.mercator.catalog.ingest;

import dev.mercator.support.PostgresSuite;

@PostgresSuite
class CatalogIngestPostgresIntegrationTests extends CatalogIngestIntegrationTests {}

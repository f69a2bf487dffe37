package dev.mercator.inventory.reconciliation;

import dev.mercator.support.PostgresSuite;

/** Drift found and repaired with the real workers against PostgreSQL. */
@PostgresSuite
class DriftRepairPostgresIntegrationTests extends DriftRepairIntegrationTests {}

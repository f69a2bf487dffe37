package dev.mercator.inventory.reconciliation;

import dev.mercator.support.PostgresSuite;

/** The reconciliation runs against PostgreSQL: the unique running run, the drift transition's guard, paging. */
@PostgresSuite
class ReconciliationRunsPostgresIntegrationTests extends ReconciliationRunsIntegrationTests {}

package dev.mercator.notifications;

import dev.mercator.support.PostgresSuite;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The ledger suite on PostgreSQL: the claim, the bucket take and the receipts are conditional updates whose behaviour
 * under concurrency (and whose SQL) must hold there too. A small pool, closed when done: the test server's connection
 * limit is shared by every PostgreSQL suite of the build.
 */
@PostgresSuite
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=4")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NotificationLedgerPostgresIntegrationTests extends NotificationLedgerIntegrationTests {}

package dev.mercator.dealscout.scan;

import dev.mercator.support.PostgresSuite;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The account deletion suite on PostgreSQL (the V12_0 table, the replay guard's primary key). Its context is one more
 * than the shared ones, so it keeps a small pool and closes when done.
 */
@PostgresSuite
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=4")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EbayAccountDeletionPostgresIntegrationTests extends EbayAccountDeletionIntegrationTests {}

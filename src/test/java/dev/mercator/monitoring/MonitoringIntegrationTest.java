package dev.mercator.monitoring;

import dev.mercator.support.IntegrationTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the monitoring suites: the whole service plus {@link MonitoringTestBeans} (endpoints that fail or dawdle on
 * purpose, a component whose health a test can switch, a worker), with a slow-request threshold low enough to trip on
 * purpose. All subclasses share one application context.
 */
@Import(MonitoringTestBeans.class)
@TestPropertySource(properties = "mercator.http.slow-request-threshold=" + MonitoringTestBeans.SLOW_THRESHOLD_MS + "ms")
public abstract class MonitoringIntegrationTest extends IntegrationTest {}

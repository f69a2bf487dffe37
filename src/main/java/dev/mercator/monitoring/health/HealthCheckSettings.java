package dev.mercator.monitoring.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The detailed health report.
 *
 * @param checkTimeout how long one component's check may take before it is reported down; all checks run at once, so
 *     this also bounds how long the report takes
 */
@ConfigurationProperties("mercator.health")
record HealthCheckSettings(@DefaultValue("2s") Duration checkTimeout) {

    HealthCheckSettings {
        if (checkTimeout.isNegative() || checkTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "mercator.health.check-timeout (MERCATOR_HEALTH_CHECK_TIMEOUT) must be a positive duration such"
                            + " as 2s");
        }
    }
}

package dev.mercator.monitoring.health;

import java.time.Instant;
import java.util.Map;

/**
 * What {@code GET /health/detailed} answers: the overall state, each component's own, and when they were checked.
 *
 * @param status UP when every component is up, DEGRADED when only non-critical ones are down (still served, HTTP
 *     200), DOWN when a critical one is (HTTP 503)
 */
record HealthReport(Overall status, Map<String, Component> components, Instant checkedAt) {

    enum Overall {
        UP,
        DEGRADED,
        DOWN
    }

    enum State {
        UP,
        DOWN
    }

    record Component(State status, boolean critical, String detail, Map<String, Object> facts) {}
}

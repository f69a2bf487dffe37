package dev.mercator.platform.health;

/**
 * One part of the service whose state {@code /health/detailed} reports: the database, Redis, each external provider,
 * each background worker. Any module contributes by declaring a bean. A critical component down makes the whole service
 * DOWN (503); a non-critical one makes it DEGRADED (still 200).
 */
public interface ComponentHealth {

    /** Stable name, shown as the key in the health report, e.g. {@code database} or {@code provider:heartbeat}. */
    String name();

    boolean critical();

    /** Components that are not in use in this configuration (Redis when none is configured) are left out. */
    default boolean enabled() {
        return true;
    }

    /** Must return quickly and never throw; a check that cannot reach its component reports it down. */
    ComponentStatus check();
}

/**
 * Operational insight into the running service: detailed component health, a live traffic summary, slow-request
 * logs, and the wiring of structured logs, traces and error reporting.
 */
@ApplicationModule(allowedDependencies = {"platform", "platform :: *"})
@NullMarked
package dev.mercator.monitoring;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

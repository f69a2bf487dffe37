@NullMarked
package dev.mercator.monitoring.telemetry;

import org.jspecify.annotations.NullMarked;

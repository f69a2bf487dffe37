@NullMarked
package dev.mercator.monitoring.traffic;

import org.jspecify.annotations.NullMarked;

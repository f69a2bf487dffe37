@NullMarked
package dev.mercator.monitoring.health;

import org.jspecify.annotations.NullMarked;

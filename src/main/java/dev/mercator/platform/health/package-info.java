@NullMarked
package dev.mercator.platform.health;

import org.jspecify.annotations.NullMarked;

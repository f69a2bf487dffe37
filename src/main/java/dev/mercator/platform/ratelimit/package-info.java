@NullMarked
package dev.mercator.platform.ratelimit;

import org.jspecify.annotations.NullMarked;

@NullMarked
package dev.mercator.platform.redis;

import org.jspecify.annotations.NullMarked;

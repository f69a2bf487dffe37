@NullMarked
package dev.mercator.platform.security;

import org.jspecify.annotations.NullMarked;

@NullMarked
package dev.mercator;

import org.jspecify.annotations.NullMarked;

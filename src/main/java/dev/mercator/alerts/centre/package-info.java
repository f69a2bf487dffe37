/** Where alerts are kept: the book every raise and clear lands in, and the listener that feeds it. */
@NullMarked
package dev.mercator.alerts.centre;

import org.jspecify.annotations.NullMarked;

/** The event publication registry kept honest: failed listener runs are retried while the process lives. */
@NullMarked
package dev.mercator.platform.events;

import org.jspecify.annotations.NullMarked;

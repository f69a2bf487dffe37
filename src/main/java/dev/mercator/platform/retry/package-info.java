/** Timing of retries shared by every module that retries a vendor call. */
@NullMarked
package dev.mercator.platform.retry;

import org.jspecify.annotations.NullMarked;

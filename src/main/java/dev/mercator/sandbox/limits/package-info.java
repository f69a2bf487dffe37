/** The simulators' token buckets: Bucket4j, measured on the service clock. */
@NullMarked
package dev.mercator.sandbox.limits;

import org.jspecify.annotations.NullMarked;

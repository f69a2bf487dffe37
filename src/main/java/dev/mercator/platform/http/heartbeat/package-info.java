/**
 * Heartbeat, the trivial provider that proves the outbound machinery end to end: a bearer-token ping whose health is
 * reported as {@code provider:heartbeat}.
 */
@NullMarked
package dev.mercator.platform.http.heartbeat;

import org.jspecify.annotations.NullMarked;

/** The heartbeat simulator: a bearer-token ping, the smallest provider the sandbox serves. */
@NullMarked
package dev.mercator.sandbox.heartbeat;

import org.jspecify.annotations.NullMarked;

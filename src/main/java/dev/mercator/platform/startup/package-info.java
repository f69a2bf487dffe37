/** Checks that run before any bean is created: the prod profile refuses to start on default or missing secrets. */
@NullMarked
package dev.mercator.platform.startup;

import org.jspecify.annotations.NullMarked;

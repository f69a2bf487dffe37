/** The merchant's alert centre over HTTP. */
@NullMarked
package dev.mercator.alerts.web;

import org.jspecify.annotations.NullMarked;

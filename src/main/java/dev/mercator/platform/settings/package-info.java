/**
 * Start-up diagnostics for settings: one exception that lists every invalid setting with its environment variable and
 * expected form, and failure analyzers that turn it (and Boot's own binding failures) into an operator-readable report.
 */
@NullMarked
package dev.mercator.platform.settings;

import org.jspecify.annotations.NullMarked;

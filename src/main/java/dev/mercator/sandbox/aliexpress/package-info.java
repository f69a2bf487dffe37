/** Simulator of the AliExpress affiliate API on the open platform's sync gateway. */
@NullMarked
package dev.mercator.sandbox.aliexpress;

import org.jspecify.annotations.NullMarked;

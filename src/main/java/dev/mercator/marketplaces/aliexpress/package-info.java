/** AliExpress affiliate API adapter of the catalog: signed calls to the sync gateway. */
@NullMarked
package dev.mercator.catalog.aliexpress;

import org.jspecify.annotations.NullMarked;

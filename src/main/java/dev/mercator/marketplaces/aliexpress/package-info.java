/** AliExpress affiliate API adapter of the marketplaces module: signed calls to the sync gateway. */
@NullMarked
package dev.mercator.marketplaces.aliexpress;

import org.jspecify.annotations.NullMarked;

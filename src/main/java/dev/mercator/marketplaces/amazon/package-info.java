/** Amazon adapters: the Creators API (default) and PA-API 5.0 for accounts that still have it. */
@NullMarked
package dev.mercator.marketplaces.amazon;

import org.jspecify.annotations.NullMarked;

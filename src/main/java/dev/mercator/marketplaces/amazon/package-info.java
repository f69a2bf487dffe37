/** Amazon adapters of the catalog: the Creators API (default) and PA-API 5.0 for accounts that still have it. */
@NullMarked
package dev.mercator.catalog.amazon;

import org.jspecify.annotations.NullMarked;

/** Per-provider search results cached in two levels (Caffeine, then Redis), stale-while-revalidate, coalesced. */
@NullMarked
package dev.mercator.catalog.cache;

import org.jspecify.annotations.NullMarked;

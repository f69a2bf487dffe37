/** The product search API: fan-out over marketplaces, validation, merging, ranking and paging. */
@NullMarked
package dev.mercator.catalog.search;

import org.jspecify.annotations.NullMarked;

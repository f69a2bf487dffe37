/** The caller's affiliate links on validated offers, made by the marketplaces module. */
@NullMarked
package dev.mercator.catalog.affiliate;

import org.jspecify.annotations.NullMarked;

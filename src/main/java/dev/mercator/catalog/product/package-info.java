/**
 * Products as the catalog keeps them: validation and sanitising of what marketplaces send, GTINs, offers, and merging
 * the same product across marketplaces with a quality score.
 */
@NullMarked
package dev.mercator.catalog.product;

import org.jspecify.annotations.NullMarked;

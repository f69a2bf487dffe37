/** eBay Browse API adapter of the catalog, with an application token from the client-credentials grant. */
@NullMarked
package dev.mercator.catalog.ebay;

import org.jspecify.annotations.NullMarked;

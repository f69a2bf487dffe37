/** eBay Browse API adapter of the marketplaces module, with an application token from the client-credentials grant. */
@NullMarked
package dev.mercator.marketplaces.ebay;

import org.jspecify.annotations.NullMarked;

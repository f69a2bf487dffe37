/** Which account and affiliate tag a marketplace call runs under, and the affiliate links made for it. */
@NullMarked
package dev.mercator.marketplaces.affiliate;

import org.jspecify.annotations.NullMarked;

/** Which account and affiliate tag a marketplace call runs under, and the links a result carries. */
@NullMarked
package dev.mercator.catalog.affiliate;

import org.jspecify.annotations.NullMarked;

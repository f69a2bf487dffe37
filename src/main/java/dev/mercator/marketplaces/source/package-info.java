/** What the catalog's marketplace adapters share: cached OAuth2 tokens and the classification of failed calls. */
@NullMarked
package dev.mercator.catalog.support;

import org.jspecify.annotations.NullMarked;

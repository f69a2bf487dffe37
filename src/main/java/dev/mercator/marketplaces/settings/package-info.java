/** The marketplaces' typed settings (limits, resilience and affiliate tags, under {@code mercator.catalog.*}). */
@NullMarked
package dev.mercator.marketplaces.settings;

import org.jspecify.annotations.NullMarked;

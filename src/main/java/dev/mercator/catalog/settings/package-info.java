/** The catalog's typed settings ({@code mercator.catalog.*}). */
@NullMarked
package dev.mercator.catalog.settings;

import org.jspecify.annotations.NullMarked;

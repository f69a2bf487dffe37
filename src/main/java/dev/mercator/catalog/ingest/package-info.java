/** Importing marketplace products into the database, their price history, and refreshing tracked ones. */
@NullMarked
package dev.mercator.catalog.ingest;

import org.jspecify.annotations.NullMarked;

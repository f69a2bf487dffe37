/** Inventory's HTTP API: counts, buffers, mappings and channel connections. Calls the module; writes no SQL. */
@NullMarked
package dev.mercator.inventory.web;

import org.jspecify.annotations.NullMarked;

/**
 * Item recognition for the seller flow: a port to an optional image-reading provider that proposes title, brand, model
 * and condition from an item's photos.
 */
@NullMarked
package dev.mercator.dealscout.recognition;

import org.jspecify.annotations.NullMarked;

/**
 * The seller flow, upload > process > price: a merchant's item photos checked and stripped of metadata into the object
 * store, then identified and priced in the background against its comparable listings (ADR 29).
 */
@NullMarked
package dev.mercator.dealscout.pricing;

import org.jspecify.annotations.NullMarked;

/**
 * Deal Scout's scoring pipeline: observations become comps in per-merchant valuation pools (rebuilt from the store on
 * first use), each observed listing is scored on first sight, on a price change and when its pool's value moves, the
 * latest score is stored and published as {@code ListingScored}, and merchants search their scored listings and read
 * one with its evidence. ADR 30.
 */
@NullMarked
package dev.mercator.dealscout.deals;

import org.jspecify.annotations.NullMarked;

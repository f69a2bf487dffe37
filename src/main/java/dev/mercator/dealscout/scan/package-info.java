/**
 * Deal scans: a merchant's saved searches, run on their own staggered schedule through the marketplaces module's
 * background lane within each marketplace's daily budget, every listing seen kept as an observation with its price
 * history, and each scan's health per marketplace.
 */
@NullMarked
package dev.mercator.dealscout.scan;

import org.jspecify.annotations.NullMarked;

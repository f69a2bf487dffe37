/**
 * Deal Scout's comps, valuation and scoring core, pure Java: comparable pools keyed by category, product and eBay
 * condition id; a pool's market value (age-weighted median after outlier removal, effective sample size and an
 * order-statistic confidence interval); a listing's discount, robust z, deal score and classification; and a reseller's
 * net margin after marketplace fees. The statistics are explained in ADR 26.
 */
@NullMarked
package dev.mercator.dealscout.valuation;

import org.jspecify.annotations.NullMarked;

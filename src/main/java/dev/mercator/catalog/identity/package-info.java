/**
 * How the catalog tells which product a listing is: canonical GTINs, model codes, normalised brand and model, and title
 * tokens with the marketing noise removed. The rules {@code ProductMerger} merges products by, as one named interface
 * so that Deal Scout keys its comparable pools by the same product identity rather than a copy of the rules; no other
 * module lists it among its allowed dependencies.
 */
@NamedInterface("identity")
@NullMarked
package dev.mercator.catalog.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;

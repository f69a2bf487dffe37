/**
 * Deal Scout: scans the marketplaces for listings, values each one against its comparable prices with a stated
 * confidence, alerts only on real deals with their evidence, and prices a seller's item from its photos.
 */
@ApplicationModule(
        allowedDependencies = {"platform", "platform :: *", "marketplaces", "alerts", "audit", "catalog :: identity"})
@NullMarked
package dev.mercator.dealscout;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

/** Catalog: one product search over the marketplaces, cached, validated, merged and scored; imported products. */
@ApplicationModule(allowedDependencies = {"platform", "platform :: *", "marketplaces", "alerts"})
@NullMarked
package dev.mercator.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

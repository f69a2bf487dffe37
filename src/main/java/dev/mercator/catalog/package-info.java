/**
 * Catalog: one product search over Amazon, AliExpress and eBay, with affiliate links, cached and resilient to the
 * marketplaces' quotas and outages.
 */
@ApplicationModule(allowedDependencies = {"platform", "platform :: *", "merchants"})
@NullMarked
package dev.mercator.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

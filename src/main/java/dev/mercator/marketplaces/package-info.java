/** Marketplaces: every call to Amazon, AliExpress and eBay, behind one facade with shared quotas and breakers. */
@ApplicationModule(allowedDependencies = {"platform", "platform :: *", "merchants", "alerts"})
@NullMarked
package dev.mercator.marketplaces;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

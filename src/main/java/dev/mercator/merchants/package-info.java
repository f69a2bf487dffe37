/** Merchants, the tenants of Mercator: their accounts, API keys and the credentials Mercator keeps for them. */
@ApplicationModule(allowedDependencies = {"platform", "platform :: *", "audit"})
@NullMarked
package dev.mercator.merchants;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

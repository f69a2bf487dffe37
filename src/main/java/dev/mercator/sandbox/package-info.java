/**
 * Simulators of the external providers, served by Mercator itself under /sandbox/{provider}, as strict as the vendors
 * (Shopify's GraphQL on graphql-java, every rate limit a Bucket4j bucket on the service clock; ADR 12), with fault
 * injection.
 */
@ApplicationModule(allowedDependencies = {"platform", "platform :: *", "analytics"})
@NullMarked
package dev.mercator.sandbox;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;

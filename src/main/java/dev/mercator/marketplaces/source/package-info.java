/**
 * What a marketplace adapter needs from its own module: the {@link dev.mercator.marketplaces.source.ProductSource} port
 * it implements, the registry of adapters, cached OAuth2 tokens, settings helpers and the classification of failed
 * vendor calls. A named interface so that it is an explicit contract rather than public to every module; no other
 * module lists it among its allowed dependencies.
 */
@NamedInterface("source")
@NullMarked
package dev.mercator.marketplaces.source;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;

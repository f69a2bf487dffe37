/**
 * Outbound HTTP to external providers: one {@link dev.mercator.platform.http.OutboundHttp} builds every provider's
 * {@code RestClient} with timeouts, masked request logging and metrics, and {@link
 * dev.mercator.platform.http.ProviderEndpoints} points each provider at its sandbox simulator or the live API.
 */
@NullMarked
package dev.mercator.platform.http;

import org.jspecify.annotations.NullMarked;

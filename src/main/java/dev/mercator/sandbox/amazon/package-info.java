/**
 * Simulators of Amazon's APIs: the Selling Partner API (Login with Amazon tokens, Listings Items, Feeds, Orders v0,
 * per-seller token buckets, asynchronous apply) under {@code /sandbox/amazon}, and the product APIs (Creators API with
 * OAuth2, PA-API 5.0 with AWS SigV4) under {@code /sandbox/amazon-creators} and {@code /sandbox/paapi}.
 */
@NullMarked
package dev.mercator.sandbox.amazon;

import org.jspecify.annotations.NullMarked;

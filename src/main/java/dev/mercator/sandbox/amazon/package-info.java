/**
 * The Amazon Selling Partner API simulator: Login with Amazon tokens, Listings Items, Feeds and Orders v0 under
 * {@code /sandbox/amazon}, with Amazon's per-seller token buckets, error shapes and asynchronous apply.
 */
@NullMarked
package dev.mercator.sandbox.amazon;

import org.jspecify.annotations.NullMarked;

/**
 * Deal watches: a merchant's standing interest in a scan's or a product's deals, fired from {@code ListingScored} with
 * hysteresis (one alert per entry of a listing into the watch's band), capped per day with a digest of what the cap
 * held back, delivered as {@code dealscout.deal} alerts through the alert centre, and rated by the merchant's feedback.
 */
@NullMarked
package dev.mercator.dealscout.watch;

import org.jspecify.annotations.NullMarked;

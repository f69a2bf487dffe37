/**
 * eBay's Marketplace Account Deletion notifications: the endpoint's challenge, the signed notifications verified with
 * the Notification API's public keys, and the erasure of that user's data (ADR 27).
 */
@NullMarked
package dev.mercator.dealscout.ebay;

import org.jspecify.annotations.NullMarked;

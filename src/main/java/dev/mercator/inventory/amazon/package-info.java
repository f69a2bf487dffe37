/**
 * Amazon adapter: Selling Partner API quantity pushes (Listings Items merge patches, JSON_LISTINGS_FEED for large
 * backlogs), read-back for verify-after-write, merchant-fulfilled orders polled into the ledger, and the returns reports
 * and FBA pool read into returns (ADR 23). Amazon's field names stop here.
 */
@NullMarked
package dev.mercator.inventory.amazon;

import org.jspecify.annotations.NullMarked;

/**
 * The sandbox's commerce generator: a seeded, deterministic story of customers, orders, payments, refunds, returns and
 * labelled fraud rings, sent through the analytics intake like a client's events.
 */
@NullMarked
package dev.mercator.sandbox.commerce;

import org.jspecify.annotations.NullMarked;

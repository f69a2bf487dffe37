/** The notifications HTTP API: destinations, rules, deliveries, and the one-click unsubscribe link. */
@NullMarked
package dev.mercator.notifications.web;

import org.jspecify.annotations.NullMarked;

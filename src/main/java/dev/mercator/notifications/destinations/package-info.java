/**
 * A merchant's notification destinations: their settings, their secrets (kept in the merchants' credential vault) and
 * whether they are enabled; the channel senders by kind; signed unsubscribe links.
 */
@NullMarked
package dev.mercator.notifications.destinations;

import org.jspecify.annotations.NullMarked;

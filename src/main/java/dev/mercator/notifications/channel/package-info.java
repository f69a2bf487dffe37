/**
 * The port between the delivery ledger and the providers: one {@link dev.mercator.notifications.channel.ChannelSender}
 * per kind of destination, each a package-private adapter in a package of its own, and the way providers' delivery
 * receipts come back ({@link dev.mercator.notifications.channel.DeliveryReports}).
 */
@NullMarked
package dev.mercator.notifications.channel;

import org.jspecify.annotations.NullMarked;

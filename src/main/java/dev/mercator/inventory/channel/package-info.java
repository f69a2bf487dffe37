/**
 * What a channel adapter ({@code inventory.shopify}, {@code inventory.amazon}) needs from its own module: the
 * {@link dev.mercator.inventory.channel.ChannelGateway} port it implements with its request and outcome types, the
 * {@link dev.mercator.inventory.channel.RaiseGate} it may offer, and the merchant's channel accounts. A named interface
 * so that it is an explicit contract rather than public to every module; no other module lists it among its allowed
 * dependencies.
 */
@NamedInterface("channel")
@NullMarked
package dev.mercator.inventory.channel;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;

package dev.mercator.inventory.channel;

/**
 * What a channel shows for a SKU when Mercator reads back a write it accepted: a quantity, the news that it does not
 * list the item at all, or nothing it could tell. The difference matters: an item the channel does not list will never
 * show the pushed quantity, however long the verifier waits, and must end in the error state the merchant sees.
 */
public sealed interface ReadBack {

    /** The channel shows this quantity. */
    record Shown(int quantity) implements ReadBack {}

    /** The channel answered that it has no such item (Amazon's getListingsItem 404): the write went nowhere. */
    record NotListed(String reason) implements ReadBack {}

    /** No verdict: the read failed, was throttled, or the account cannot be used right now. Try again later. */
    record Unreadable() implements ReadBack {}

    static ReadBack unreadable() {
        return new Unreadable();
    }
}

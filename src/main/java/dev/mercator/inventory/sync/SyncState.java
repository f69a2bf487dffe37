package dev.mercator.inventory.sync;

import java.util.Arrays;

/**
 * Where a (SKU, channel) row of the outbox stands: waiting to be pushed or read back, confirmed by the channel, or
 * stuck on an error the merchant has to fix (a rejection, or a write the channel accepted and never applied).
 */
public enum SyncState {
    PENDING("pending"),
    IN_SYNC("in_sync"),
    ERROR("error");

    private final String id;

    SyncState(String id) {
        this.id = id;
    }

    /** The value stored in {@code inventory_channels.sync_state} and shown by the API. */
    public String id() {
        return id;
    }

    public static SyncState of(String id) {
        return Arrays.stream(values())
                .filter(state -> state.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown sync state " + id));
    }
}

package dev.mercator.inventory.reconciliation;

import java.util.Locale;

/** Why a reconciliation run started: the merchant's hourly slot, or a request over the API. */
enum Trigger {
    SCHEDULE,
    API;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Trigger of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}

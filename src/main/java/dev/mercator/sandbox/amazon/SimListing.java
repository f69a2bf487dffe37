package dev.mercator.sandbox.amazon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One listing of one seller: what getListingsItem shows now, and the accepted changes not yet visible. Guarded by its
 * seller's lock.
 */
final class SimListing {

    static final String ATTRIBUTE = "fulfillment_availability";
    static final String CODE = "fulfillment_channel_code";

    final String sku;
    final String productType;
    final String asin;
    final String itemName;
    final Instant createdAt;
    Instant lastUpdatedAt;
    /** The attribute {@code fulfillment_availability}, snake_case as Amazon stores it. */
    List<Map<String, Object>> availability = new ArrayList<>();

    private final List<Pending> pending = new ArrayList<>();

    SimListing(String sku, String productType, String asin, String itemName, Instant now) {
        this.sku = sku;
        this.productType = productType;
        this.asin = asin;
        this.itemName = itemName;
        this.createdAt = now;
        this.lastUpdatedAt = now;
    }

    /** A change Amazon accepted that becomes visible at {@code visibleAt}. */
    record Pending(Instant visibleAt, List<ListingPatches.Patch> patches) {}

    void accept(List<ListingPatches.Patch> patches, Instant visibleAt) {
        pending.add(new Pending(visibleAt, patches));
    }

    /** Makes every accepted change whose time has come visible, oldest first. */
    void advance(Instant now) {
        while (!pending.isEmpty() && !pending.getFirst().visibleAt().isAfter(now)) {
            Pending due = pending.removeFirst();
            ListingPatches.apply(due.patches(), this);
            lastUpdatedAt = due.visibleAt();
        }
    }

    int pendingCount() {
        return pending.size();
    }

    @Nullable
    Map<String, Object> entry(String channelCode) {
        for (Map<String, Object> entry : availability) {
            if (channelCode.equals(entry.get(CODE))) {
                return entry;
            }
        }
        return null;
    }

    @Nullable
    Integer quantity() {
        Map<String, Object> entry = entry("DEFAULT");
        return entry != null && entry.get("quantity") instanceof Integer q ? q : null;
    }

    @Nullable
    Integer leadTime() {
        Map<String, Object> entry = entry("DEFAULT");
        return entry != null && entry.get("lead_time_to_ship_max_days") instanceof Integer d ? d : null;
    }

    static Map<String, Object> defaultEntry(int quantity, @Nullable Integer leadTime) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(CODE, "DEFAULT");
        entry.put("quantity", quantity);
        if (leadTime != null) {
            entry.put("lead_time_to_ship_max_days", leadTime);
        }
        return entry;
    }
}

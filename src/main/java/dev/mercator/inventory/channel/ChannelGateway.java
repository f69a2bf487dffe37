package dev.mercator.inventory.channel;

import dev.mercator.platform.MerchantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Port: a sales channel's API as the push workers use it. One package-private adapter per vendor implements it
 * ({@code inventory.shopify}, {@code inventory.amazon}); vendor field names never cross it.
 */
public interface ChannelGateway {

    Channel channel();

    /**
     * Sets the offered quantity of several SKUs of one merchant on the channel. Returns one outcome per request (any
     * order). Never throws for a vendor failure: every failure is an outcome, classified so the scheduler knows whether
     * to retry, back off or stop. The adapter honours the vendor's rate limits itself (shared across instances), and may
     * choose a bulk path (Amazon feeds) for a large batch.
     */
    List<PushOutcome> push(MerchantId merchant, List<PushRequest> requests);

    /**
     * Whether a large batch costs the channel fewer calls than the same SKUs pushed one by one (Amazon's listings
     * feed). Only then does the scheduler hand a merchant's whole backlog over in one batch; other channels get regular
     * batches, so a backlog pushed at the channel's pace is not held under one long lease and zero-stock SKUs that
     * change meanwhile still go first.
     */
    default boolean hasBulkPath() {
        return false;
    }

    /** What the channel shows now, for verify-after-write: an accepted write is not an applied one. */
    ReadBack readBack(MerchantId merchant, PushTarget target);

    /**
     * What the channel shows now for several SKUs of one merchant, for reconciliation (ADR 24), within the vendor's
     * limits like every other call. By default one {@link #readBack} each; an adapter with a batched read (Shopify's
     * levels, fifty items a request) overrides it. Never throws for a vendor failure: a SKU it could not read is
     * {@link ReadBack.Unreadable}.
     */
    default ReadBacks readBacks(MerchantId merchant, List<PushTarget> targets) {
        Map<String, ReadBack> shown = new LinkedHashMap<>();
        targets.forEach(target -> shown.put(target.sku(), readBack(merchant, target)));
        return new ReadBacks(shown, Set.of(), targets.size(), null);
    }
}

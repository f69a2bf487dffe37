package dev.mercator.marketplaces.resilience;

import dev.mercator.marketplaces.Marketplace;

/** Hears a marketplace's changes of state, each once per change on this instance. */
interface MarketplaceHealthListener {

    MarketplaceHealthListener NONE = new MarketplaceHealthListener() {};

    /** The day's calls reached {@code percent} (80 or 100) of the daily quota. */
    default void quotaWarning(Marketplace marketplace, int percent, long dailyQuota) {}

    /** A new day began after a day that warned. */
    default void quotaRenewed(Marketplace marketplace) {}

    /**
     * The marketplace refused a call for a permanent reason, having been healthy.
     *
     * @param owner whose account the call ran under: {@code instance} or a merchant id
     */
    default void unhealthy(Marketplace marketplace, String reason, String owner) {}

    /** The marketplace answered a call after a permanent refusal. */
    default void healthy(Marketplace marketplace) {}
}

package dev.mercator.inventory.shopify;

import dev.mercator.inventory.StockChanged;
import dev.mercator.inventory.shopify.ShopifyLevels.Level;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A found gap between what Shopify shows and what Mercator can explain, and the level Shopify showed with it (ADR 10).
 *
 * @param gap how far Shopify's level is from the explained one; null when none is known
 * @param shown the level Shopify showed when the gap was found
 */
record LevelGap(@Nullable Integer gap, @Nullable Integer shown) {

    /** Shopify's event times are whole seconds, and the level is read a moment before its check is recorded. */
    private static final Duration SHOWN_MARGIN = Duration.ofSeconds(2);

    /**
     * Keeps a found gap true while its check is pending, so the shortfall offered less does not count a late order
     * twice. An event from well before the level was read is in the level the check saw: the gap closes by its delta.
     * Any other is not yet (or may not be: Shopify's times are whole seconds): Shopify shows the gap moved by as much.
     * The doubt leaves the larger shortfall, the safe side; the next check settles it.
     */
    static LevelGap after(Level level, StockChanged changed, int delta) {
        if (level.gap() == null || level.gapShown() == null) {
            return new LevelGap(null, null);
        }
        boolean inShownLevel = changed.occurredAt() != null
                && level.checkedAt() != null
                && !changed.occurredAt().plus(SHOWN_MARGIN).isAfter(level.checkedAt());
        return inShownLevel
                ? new LevelGap(level.gap() - delta, level.gapShown())
                : new LevelGap(level.gap(), level.gapShown() + delta);
    }
}

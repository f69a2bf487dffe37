package dev.mercator.dealscout.valuation;

import java.util.Optional;

/**
 * eBay's numeric item condition ids, which comparable pools are keyed by rather than their display names: a display
 * name varies by category ("New with tags", "Brand New" are both 1000) while the id does not, and eBay's own search
 * groups by the id. Ids and typical names from eBay's "Item condition ID and name values"
 * (developer.ebay.com/api-docs/sell/static/metadata/condition-id-values.html), including 2990 and 3010, the pre-owned
 * grades eBay added for apparel.
 *
 * <p>Each id belongs to a {@link Family}: a thin pool borrows from its condition's family before anything coarser.
 */
public enum ItemCondition {
    NEW(1000, Family.NEW),
    NEW_OTHER(1500, Family.NEW),
    NEW_WITH_DEFECTS(1750, Family.NEW),
    CERTIFIED_REFURBISHED(2000, Family.REFURBISHED),
    EXCELLENT_REFURBISHED(2010, Family.REFURBISHED),
    VERY_GOOD_REFURBISHED(2020, Family.REFURBISHED),
    GOOD_REFURBISHED(2030, Family.REFURBISHED),
    SELLER_REFURBISHED(2500, Family.REFURBISHED),
    LIKE_NEW(2750, Family.USED),
    PRE_OWNED_EXCELLENT(2990, Family.USED),
    USED(3000, Family.USED),
    PRE_OWNED_FAIR(3010, Family.USED),
    VERY_GOOD(4000, Family.USED),
    GOOD(5000, Family.USED),
    ACCEPTABLE(6000, Family.USED),
    FOR_PARTS(7000, Family.FOR_PARTS);

    /**
     * Conditions that price alike enough to stand in for one another when a pool is thin. "For parts or not working"
     * is a family of its own: a broken item is never a comparable for a working one, or the reverse.
     */
    public enum Family {
        NEW,
        REFURBISHED,
        USED,
        FOR_PARTS
    }

    private final int id;
    private final Family family;

    ItemCondition(int id, Family family) {
        this.id = id;
        this.family = family;
    }

    public int id() {
        return id;
    }

    public Family family() {
        return family;
    }

    /** The condition with eBay's numeric id, or empty for an id eBay does not define. */
    public static Optional<ItemCondition> ofId(int id) {
        for (ItemCondition condition : values()) {
            if (condition.id == id) {
                return Optional.of(condition);
            }
        }
        return Optional.empty();
    }
}

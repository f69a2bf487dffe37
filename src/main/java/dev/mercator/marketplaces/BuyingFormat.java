package dev.mercator.marketplaces;

/** How a listing is sold: at a fixed price (Buy It Now) or to the highest bid when an auction ends. */
public enum BuyingFormat {
    FIXED_PRICE,
    AUCTION
}

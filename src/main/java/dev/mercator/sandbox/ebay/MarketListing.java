package dev.mercator.sandbox.ebay;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One listing of a living market with its ground truth. Mutable (price cuts, bids, vanishing) and guarded by its
 * {@link Market}'s lock.
 */
final class MarketListing {

    /** What the listing really is: a fairly priced one, a planted deal, or a planted scam. */
    enum Kind {
        NORMAL,
        DEAL,
        SCAM
    }

    final String itemId;
    final String legacyId;
    final Market.Product product;
    final String title;
    /** The condition the listing claims; a scam's real one may differ ({@link #actualConditionId}). */
    final String conditionId;

    final String actualConditionId;
    /** What the item is really worth, price plus shipping, in {@link #currency}. */
    final BigDecimal trueValue;

    final BigDecimal shipping;
    final String currency = "USD";
    final boolean auction;
    final @Nullable Instant endsAt;
    final String seller;
    final int feedbackScore;
    final String feedbackPercentage;
    final Kind kind;
    final @Nullable String scamReason;
    final Instant listedAt;
    final BigDecimal initialPrice;
    /** An auction's hammer price, where its bids climb to. */
    final BigDecimal finalPrice;

    BigDecimal price;
    int bids;
    int priceCuts;

    @Nullable
    Instant vanishedAt;

    boolean sold;
    boolean shown;

    @SuppressWarnings("ParameterNumber")
    MarketListing(
            String legacyId,
            Market.Product product,
            String title,
            String conditionId,
            String actualConditionId,
            BigDecimal trueValue,
            BigDecimal price,
            BigDecimal finalPrice,
            BigDecimal shipping,
            @Nullable Instant endsAt,
            String seller,
            int feedbackScore,
            String feedbackPercentage,
            Kind kind,
            @Nullable String scamReason,
            Instant listedAt) {
        this.itemId = "v1|" + legacyId + "|0";
        this.legacyId = legacyId;
        this.product = product;
        this.title = title;
        this.conditionId = conditionId;
        this.actualConditionId = actualConditionId;
        this.trueValue = trueValue;
        this.price = price;
        this.initialPrice = price;
        this.finalPrice = finalPrice;
        this.shipping = shipping;
        this.auction = endsAt != null;
        this.endsAt = endsAt;
        this.seller = seller;
        this.feedbackScore = feedbackScore;
        this.feedbackPercentage = feedbackPercentage;
        this.kind = kind;
        this.scamReason = scamReason;
        this.listedAt = listedAt;
    }

    boolean active() {
        return vanishedAt == null;
    }

    BigDecimal total() {
        return price.add(shipping);
    }

    String buyingOption() {
        return auction ? "AUCTION" : EbaySimulator.BUYING_OPTION;
    }
}

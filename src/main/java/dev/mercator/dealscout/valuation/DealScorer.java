package dev.mercator.dealscout.valuation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Scores a listing against its market value: discount, robust z, a 0–100 deal score with its components, and the
 * classification (ADR 26).
 *
 * <p>The score is {@code 100 × discount × (½ + ½ × quality)} ({@link DealScore}); its components, each from 0 to 1:
 *
 * <ul>
 *   <li>discount: the discount over 40 %, capped at 1 (20 % below market value is half);
 *   <li>quality, the weighted mean of:
 *       <ul>
 *         <li>confidence (weight 0.25): effective sample size over 30, capped at 1, times 0.75 when the value is
 *             borrowed from a coarser pool;
 *         <li>evidence (0.10): 1 for sale evidence, 0.5 for asking prices;
 *         <li>seller (0.15, only when the marketplace gives feedback): {@link SellerSignals#trust()}.
 *       </ul>
 * </ul>
 *
 * The score does not decide what is a deal; the classification does, so a high-scoring "too good" listing is still
 * never alerted as a deal. Nor is a listing valued only by a borrowed (coarser, condition-mixing) pool: its value is
 * shown, labelled, and scored, but a discount against comps of other conditions is not evidence of a deal.
 */
final class DealScorer {

    static final double FULL_DISCOUNT = 0.40;
    static final double FULL_SAMPLE = 30;
    static final double BORROWED_CONFIDENCE = 0.75;
    static final double ASKING_EVIDENCE = 0.5;
    static final double CONFIDENCE_WEIGHT = 0.25;
    static final double EVIDENCE_WEIGHT = 0.10;
    static final double SELLER_WEIGHT = 0.15;

    private static final DealScore NO_SCORE = new DealScore(0, List.of());

    private final double tooGoodZ;
    private final double tooGoodDiscount;

    DealScorer(ValuationSettings settings) {
        this.tooGoodZ = settings.tooGoodZ();
        this.tooGoodDiscount = settings.tooGoodDiscount();
    }

    /**
     * @param minDiscount the watch's threshold, a fraction (0.15 = 15 % below market value)
     */
    ListingScore score(
            String listingId,
            double totalPrice,
            @Nullable PoolValuation valuation,
            double minDiscount,
            @Nullable SellerSignals seller) {
        if (!(totalPrice > 0) || Double.isInfinite(totalPrice)) {
            throw new IllegalArgumentException("a listing's total price must be positive and finite: " + totalPrice);
        }
        if (!(valuation instanceof MarketValue value)) {
            return new ListingScore(
                    listingId, totalPrice, ListingScore.Classification.NO_VALUATION, valuation, 0, 0, NO_SCORE);
        }
        double discount = (value.median() - totalPrice) / value.median();
        double z = (totalPrice - value.median()) / value.spread();
        ListingScore.Classification classification;
        if (z < -tooGoodZ || discount > tooGoodDiscount) {
            classification = ListingScore.Classification.TOO_GOOD;
        } else if (value.borrowedFrom() == null && totalPrice < value.low() && discount >= minDiscount) {
            classification = ListingScore.Classification.DEAL;
        } else {
            classification = ListingScore.Classification.NOT_A_DEAL;
        }
        return new ListingScore(
                listingId, totalPrice, classification, value, discount, z, score(value, discount, seller));
    }

    static DealScore score(MarketValue value, double discount, @Nullable SellerSignals seller) {
        double discountPart = clamp(discount / FULL_DISCOUNT);
        double confidencePart = Math.min(1, value.effectiveN() / FULL_SAMPLE)
                * (value.borrowedFrom() == null ? 1 : BORROWED_CONFIDENCE);
        double evidencePart = value.method() == MarketValue.Method.SALE_EVIDENCE ? 1 : ASKING_EVIDENCE;
        double weighted = CONFIDENCE_WEIGHT * confidencePart + EVIDENCE_WEIGHT * evidencePart;
        double weights = CONFIDENCE_WEIGHT + EVIDENCE_WEIGHT;
        double sellerPart = 0;
        if (seller != null) {
            sellerPart = seller.trust();
            weighted += SELLER_WEIGHT * sellerPart;
            weights += SELLER_WEIGHT;
        }
        double quality = weighted / weights;
        int score = (int) Math.round(100 * discountPart * (0.5 + 0.5 * quality));
        DealScore.Component discountComponent = new DealScore.Component("discount", discountPart, 1);
        DealScore.Component confidenceComponent =
                new DealScore.Component("confidence", confidencePart, CONFIDENCE_WEIGHT);
        DealScore.Component evidenceComponent = new DealScore.Component("evidence", evidencePart, EVIDENCE_WEIGHT);
        return new DealScore(
                score,
                seller == null
                        ? List.of(discountComponent, confidenceComponent, evidenceComponent)
                        : List.of(
                                discountComponent,
                                confidenceComponent,
                                evidenceComponent,
                                new DealScore.Component("seller", sellerPart, SELLER_WEIGHT)));
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(1, value));
    }
}

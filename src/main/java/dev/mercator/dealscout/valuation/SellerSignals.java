package dev.mercator.dealscout.valuation;

/**
 * What a marketplace says about a listing's seller, when it says anything.
 *
 * @param positivePercent share of positive feedback, 0–100
 * @param feedbackCount how many ratings that share is from
 */
public record SellerSignals(double positivePercent, int feedbackCount) {

    public SellerSignals {
        if (!(positivePercent >= 0 && positivePercent <= 100) || feedbackCount < 0) {
            throw new IllegalArgumentException("feedback must be 0–100 % of a non-negative count");
        }
    }

    /**
     * 0 to 1: the positive share to the fourth power (99 % → 0.96, 95 % → 0.81, 90 % → 0.66: buyers read 95 % as
     * poor), times how much the count can be trusted (log₁₀ of the count over 3, full from about a thousand ratings).
     */
    double trust() {
        double share = positivePercent / 100;
        double volume = Math.min(1, Math.log10(feedbackCount + 1.0) / 3);
        return share * share * share * share * volume;
    }
}

package dev.mercator.dealscout.valuation;

/**
 * The distribution-free confidence interval for a median from order statistics. For m independent draws the number B
 * below the true median is Binomial(m, ½), so [x₍ₗ₎, x₍ₘ₋ₗ₊₁₎] covers it with probability 1 − 2·P(B ≤ l − 1) whatever
 * the distribution. {@link #lowerRank} is the largest l whose coverage still reaches the confidence; when even l = 1
 * does not (m ≤ 5 at 95 %), l = 1 and the interval reports the coverage it has.
 *
 * <p>Ranks are computed from the binomial in log space (exact for any m, no factorial overflow) and remembered for the
 * sample sizes pools usually have, since every valuation asks.
 *
 * <p>For a weighted sample, m is the effective sample size rounded down and the ranks become weighted quantile levels
 * (see {@link MarketValuer}).
 */
final class MedianInterval {

    private static final int REMEMBERED = 4096;

    private final double confidence;
    private final double tail;
    private final int[] ranks = new int[REMEMBERED];
    private final double[] coverages = new double[REMEMBERED];

    MedianInterval(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1: " + confidence);
        }
        this.confidence = confidence;
        this.tail = (1 - confidence) / 2;
    }

    double confidence() {
        return confidence;
    }

    /** The 1-based rank l of the interval's low end for a sample of m (≥ 1); the high end is m − l + 1. */
    int lowerRank(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("sample size must be positive: " + m);
        }
        if (m < REMEMBERED) {
            int known = ranks[m];
            if (known != 0) {
                return known;
            }
        }
        int l = 1;
        double logPmf = -m * Math.log(2); // P(B = 0)
        double cdf = Math.exp(logPmf); // P(B ≤ l − 1) for l = 1
        // Grow l while P(B ≤ l) still leaves at least the confidence: then l + 1 is a valid low rank.
        for (int i = 0; i < m / 2; i++) {
            logPmf += Math.log((double) (m - i) / (i + 1)); // P(B = i + 1)
            double next = cdf + Math.exp(logPmf);
            if (next > tail) {
                break;
            }
            cdf = next;
            l = i + 2;
        }
        if (m < REMEMBERED) {
            coverages[m] = 1 - 2 * cdf;
            ranks[m] = l;
        }
        return l;
    }

    /** The coverage of the interval {@link #lowerRank} gives for m: 1 − 2·P(B ≤ l − 1). */
    double coverage(int m) {
        int l = lowerRank(m);
        // Racy reads of the memo are benign (every thread computes the same values); 0 means "not yet seen here".
        double remembered = m < REMEMBERED ? coverages[m] : 0;
        if (remembered > 0) {
            return remembered;
        }
        double logPmf = -m * Math.log(2);
        double cdf = Math.exp(logPmf);
        for (int i = 0; i < l - 1; i++) {
            logPmf += Math.log((double) (m - i) / (i + 1));
            cdf += Math.exp(logPmf);
        }
        return 1 - 2 * cdf;
    }
}

package dev.mercator.dealscout.valuation;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Values one pool's comps (ADR 26): sale evidence first and asking prices otherwise; within each, outliers out by
 * modified z-score, then the age-weighted median, Kish's effective sample size, and the median's order-statistic
 * interval at weighted quantile levels. Works on primitive arrays, sorting once per valuation.
 */
final class MarketValuer {

    /** 1.4826 × MAD estimates σ for normal data, so (x − median)/(1.4826 × MAD) is Iglewicz and Hoaglin's M. */
    static final double MAD_TO_SIGMA = 1.4826;
    /**
     * When more than half the prices are equal MAD is 0; the mean absolute deviation times √(π/2) (also σ for normal
     * data) still sees the spread of the rest, as IBM's modified z-score does.
     */
    static final double MEAN_AD_TO_SIGMA = 1.253314;
    /**
     * A spread below 1 % of the median is taken as 1 %: sellers price in round numbers, and in a pool where most ask
     * exactly one price a 2 % difference must not read as a ten-sigma event (an outlier, or "too good").
     */
    static final double MIN_RELATIVE_SPREAD = 0.01;

    private static final int INDEX_BITS = 21;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
    private static final double EPSILON = 1e-9;
    private static final Comp.Kind[] KINDS = Comp.Kind.values();

    private final ValuationSettings settings;
    private final double decayPerMilli;
    private final long windowMillis;
    private final MedianInterval interval;

    MarketValuer(ValuationSettings settings) {
        this.settings = settings;
        this.decayPerMilli = Math.log(2) / settings.halfLife().toMillis();
        this.windowMillis = settings.window().toMillis();
        this.interval = new MedianInterval(settings.confidence());
    }

    ValuationSettings settings() {
        return settings;
    }

    /** A comp's weight at its age: 1 now, ½ at one half-life, ¼ at two; a comp "from the future" (skew) weighs 1. */
    double weight(long ageMillis) {
        return ageMillis <= 0 ? 1.0 : Math.exp(-decayPerMilli * ageMillis);
    }

    /**
     * The pool's valuation from its first {@code count} comps.
     *
     * @param kinds {@link Comp.Kind} ordinals
     */
    PoolValuation value(
            PoolKey key, double[] prices, long[] observedMillis, byte[] kinds, String[] ids, int count, long now) {
        if (count >= (1 << INDEX_BITS)) {
            throw new IllegalArgumentException("pool too large: " + count);
        }
        int[] evidence = new int[count];
        int[] asking = new int[count];
        int evidenceCount = 0;
        int askingCount = 0;
        for (int i = 0; i < count; i++) {
            if (now - observedMillis[i] > windowMillis) {
                continue;
            }
            if (KINDS[kinds[i]].isSaleEvidence()) {
                evidence[evidenceCount++] = i;
            } else {
                asking[askingCount++] = i;
            }
        }
        Candidate sales = candidate(
                key, MarketValue.Method.SALE_EVIDENCE, prices, observedMillis, ids, evidence, evidenceCount, now);
        MarketValue sold = sales.value();
        if (sold != null && !sold.thin()) {
            return sold;
        }
        Candidate asks =
                candidate(key, MarketValue.Method.ASKING_PRICES, prices, observedMillis, ids, asking, askingCount, now);
        MarketValue asked = asks.value();
        // Thin sale evidence yields to asking prices that are not thin: five sales give an interval so wide that a
        // listing at 55 % of the value is not below it, while thirty asking prices place the same deal at once (the
        // scan-to-alert benchmark). Otherwise sale evidence first, asking prices only without it.
        if (sold != null && (asked == null || asked.thin())) {
            return sold;
        }
        if (asked != null) {
            return asked;
        }
        return new PoolValuation.None(
                key, evidenceCount + askingCount, Math.max(sales.effectiveN(), asks.effectiveN()));
    }

    private record Candidate(@Nullable MarketValue value, double effectiveN) {}

    private Candidate candidate(
            PoolKey key,
            MarketValue.Method method,
            double[] prices,
            long[] observedMillis,
            String[] ids,
            int[] members,
            int count,
            long now) {
        if (count == 0) {
            return new Candidate(null, 0);
        }
        // Sort once: price in cents in the high bits, the member's position in the low ones, so a primitive sort
        // orders members by price without boxing; equal cents keep their input order.
        long[] order = new long[count];
        for (int j = 0; j < count; j++) {
            order[j] = (Math.round(prices[members[j]] * 100) << INDEX_BITS) | j;
        }
        Arrays.sort(order);
        double[] x = new double[count];
        int[] source = new int[count];
        for (int j = 0; j < count; j++) {
            int member = members[(int) (order[j] & INDEX_MASK)];
            source[j] = member;
            x[j] = prices[member];
        }
        double median = medianOfSorted(x, count);
        double spread = spread(x, count, median);
        // Outliers: |x − median| / spread > limit, i.e. Iglewicz and Hoaglin's modified z-score (guarded spread).
        double limit = settings.outlierZ() * spread;
        int n = 0;
        for (int j = 0; j < count; j++) {
            if (Math.abs(x[j] - median) <= limit) {
                x[n] = x[j];
                source[n] = source[j];
                n++;
            }
        }
        int outliers = count - n;
        double[] cumulative = new double[n];
        double sum = 0;
        double sumOfSquares = 0;
        long oldest = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        for (int j = 0; j < n; j++) {
            long observed = observedMillis[source[j]];
            double w = weight(now - observed);
            sum += w;
            sumOfSquares += w * w;
            cumulative[j] = sum;
            oldest = Math.min(oldest, observed);
            newest = Math.max(newest, observed);
        }
        double effectiveN = n == 0 ? 0 : sum * sum / sumOfSquares;
        if (effectiveN + EPSILON < settings.minEffectiveSample()) {
            return new Candidate(null, effectiveN);
        }
        // The interval's ranks for m = ⌊effective n⌋ draws, taken as weighted quantile levels (l − ½)/m and
        // (u − ½)/m: with equal weights these are exactly the order statistics x₍ₗ₎ and x₍ᵤ₎ (ADR 26).
        int m = (int) Math.floor(effectiveN + EPSILON);
        int l = interval.lowerRank(m);
        int u = m - l + 1;
        double low = weightedQuantile(x, cumulative, n, (l - 0.5) / m);
        double high = weightedQuantile(x, cumulative, n, (u - 0.5) / m);
        double value = weightedMedian(x, cumulative, n);
        String[] used = new String[n];
        for (int j = 0; j < n; j++) {
            used[j] = ids[source[j]];
        }
        MarketValue marketValue = new MarketValue(
                key,
                null,
                method,
                n,
                effectiveN,
                outliers,
                Instant.ofEpochMilli(oldest),
                Instant.ofEpochMilli(newest),
                value,
                low,
                high,
                interval.coverage(m),
                spread(x, n, medianOfSorted(x, n)),
                effectiveN + EPSILON < settings.thinBelow(),
                List.of(used));
        return new Candidate(marketValue, effectiveN);
    }

    static double medianOfSorted(double[] sorted, int n) {
        return (n & 1) == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The robust spread of n sorted prices around their median: 1.4826 × MAD; when MAD is 0 (more than half the prices
     * equal), 1.253314 × the mean absolute deviation; never below 1 % of the median.
     */
    static double spread(double[] sorted, int n, double median) {
        double[] deviations = new double[n];
        double total = 0;
        for (int j = 0; j < n; j++) {
            deviations[j] = Math.abs(sorted[j] - median);
            total += deviations[j];
        }
        Arrays.sort(deviations);
        double mad = medianOfSorted(deviations, n);
        double spread = mad > 0 ? MAD_TO_SIGMA * mad : MEAN_AD_TO_SIGMA * (total / n);
        return Math.max(spread, MIN_RELATIVE_SPREAD * median);
    }

    /** The smallest price whose cumulative weight reaches q of the total (q in (0, 1]). */
    static double weightedQuantile(double[] sorted, double[] cumulative, int n, double q) {
        double target = q * cumulative[n - 1];
        double slack = EPSILON * cumulative[n - 1];
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] >= target - slack) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return sorted[lo];
    }

    /**
     * The weighted median: the smallest price with half the weight at or below it, or the midpoint of it and the next
     * when exactly half is (with equal weights and an even count, the usual median).
     */
    static double weightedMedian(double[] sorted, double[] cumulative, int n) {
        double half = cumulative[n - 1] / 2;
        double slack = EPSILON * cumulative[n - 1];
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] >= half - slack) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int k = lo;
        if (Math.abs(cumulative[k] - half) <= slack && k + 1 < n) {
            return (sorted[k] + sorted[k + 1]) / 2;
        }
        return sorted[k];
    }
}

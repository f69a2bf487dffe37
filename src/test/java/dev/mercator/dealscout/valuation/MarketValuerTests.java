package dev.mercator.dealscout.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The valuation's statistics on samples whose answers are worked out by hand (ADR 26). */
class MarketValuerTests {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    static final PoolKey KEY =
            PoolKey.exact("9355", new ProductKey(ProductKey.Kind.GTIN, "00012345678905"), ItemCondition.USED, "USD");
    private final MarketValuer valuer = new MarketValuer(ValuationSettings.defaults());

    /** Comps built up one at a time, then valued as a pool. */
    static final class Sample {
        final List<Comp> comps = new ArrayList<>();

        Sample add(double price, Duration age, Comp.Kind kind) {
            comps.add(new Comp("c" + comps.size(), price, NOW.minus(age), kind));
            return this;
        }

        Sample sold(double... prices) {
            for (double price : prices) {
                add(price, Duration.ZERO, Comp.Kind.SOLD);
            }
            return this;
        }

        Sample asking(double... prices) {
            for (double price : prices) {
                add(price, Duration.ZERO, Comp.Kind.ASKING);
            }
            return this;
        }

        PoolValuation value(MarketValuer valuer) {
            int n = comps.size();
            double[] prices = new double[n];
            long[] observed = new long[n];
            byte[] kinds = new byte[n];
            String[] ids = new String[n];
            for (int i = 0; i < n; i++) {
                Comp comp = comps.get(i);
                prices[i] = comp.totalPrice();
                observed[i] = comp.observedAt().toEpochMilli();
                kinds[i] = (byte) comp.kind().ordinal();
                ids[i] = comp.id();
            }
            return valuer.value(KEY, prices, observed, kinds, ids, n, NOW.toEpochMilli());
        }
    }

    private MarketValue valued(Sample sample) {
        PoolValuation valuation = sample.value(valuer);
        assertThat(valuation).isInstanceOf(MarketValue.class);
        return (MarketValue) valuation;
    }

    @Test
    void aCompWeighsHalfAtOneHalfLifeAndAQuarterAtTwo() {
        long halfLife = Duration.ofDays(14).toMillis();

        assertThat(valuer.weight(0)).isEqualTo(1.0);
        assertThat(valuer.weight(halfLife)).isCloseTo(0.5, within(1e-12));
        assertThat(valuer.weight(2 * halfLife)).isCloseTo(0.25, within(1e-12));
        assertThat(valuer.weight(-1000))
                .as("a comp from the future (clock skew)")
                .isEqualTo(1.0);
    }

    @Test
    void recentCompsOutweighOldOnesInTheMedianAndTheEffectiveSampleSize() {
        // Six sales at 100 four weeks ago (weight ¼ each), five at 200 today: unweighted the median is 100.
        Sample sample = new Sample();
        for (int i = 0; i < 6; i++) {
            sample.add(100, Duration.ofDays(28), Comp.Kind.SOLD);
        }
        sample.sold(200, 200, 200, 200, 200);

        MarketValue value = valued(sample);

        // Weight 6 × ¼ + 5 = 6.5; half is 3.25, first reached among the 200s.
        assertThat(value.median()).isEqualTo(200);
        // Kish: 6.5² / (6 × 1/16 + 5) = 42.25 / 5.375.
        assertThat(value.effectiveN()).isCloseTo(42.25 / 5.375, within(1e-9));
        assertThat(value.n()).isEqualTo(11);
        assertThat(value.oldest()).isEqualTo(NOW.minus(Duration.ofDays(28)));
        assertThat(value.newest()).isEqualTo(NOW);
    }

    @Test
    void equalWeightsGiveAnEffectiveSampleSizeOfN() {
        MarketValue value = valued(new Sample().sold(10, 11, 12, 13, 14, 15, 16));

        assertThat(value.effectiveN()).isCloseTo(7, within(1e-9));
        assertThat(value.median()).isEqualTo(13);
    }

    @Test
    void anEvenCountWithEqualWeightsHasTheUsualMedian() {
        assertThat(valued(new Sample().sold(10, 11, 12, 13, 14, 15)).median()).isEqualTo(12.5);
    }

    @Test
    void madOfZeroFallsBackToTheMeanAbsoluteDeviation() {
        // Ten of twelve at exactly 100: MAD = 0. Deviations 10 and 50 leave a mean absolute deviation of 60/12 = 5,
        // spread 1.253314 × 5 = 6.27: 150 is 7.98 spreads out (removed), 90 is 1.6 (kept). Dividing by a MAD of 0
        // would instead throw out both, or keep both if the guard were missing and the division gave NaN.
        Sample sample = new Sample().sold(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 150, 90);

        MarketValue value = valued(sample);

        assertThat(value.outliers()).isEqualTo(1);
        assertThat(value.n()).isEqualTo(11);
        assertThat(value.compIds()).contains("c11").doesNotContain("c10");
        assertThat(MarketValuer.spread(
                        new double[] {90, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 150}, 12, 100))
                .isCloseTo(1.253314 * 5, within(1e-9));
    }

    @Test
    void aSpreadIsNeverBelowOnePercentOfTheMedian() {
        // All but one at 100, one at 101: the mean absolute deviation alone (1/12) would make 101 an outlier.
        Sample sample = new Sample().sold(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 101);

        MarketValue value = valued(sample);

        assertThat(value.outliers()).isZero();
        assertThat(value.spread()).isEqualTo(1.0);
    }

    @Test
    void outliersAreRemovedByModifiedZScoreBeforeTheMedian() {
        Sample sample = new Sample().sold(95, 96, 97, 98, 99, 100, 100, 101, 102, 103, 104, 105, 1000, 5);

        MarketValue value = valued(sample);

        assertThat(value.outliers()).isEqualTo(2);
        assertThat(value.compIds()).doesNotContain("c12", "c13");
        assertThat(value.median()).isEqualTo(100);
        assertThat(value.high()).isLessThan(1000);
    }

    @Test
    void aPriceJustInsideTheLimitStays() {
        // Median 100, MAD 2 (spread 2.9652): 110 is 3.37 spreads out, kept; 111 is 3.71, removed.
        Sample kept = new Sample().sold(96, 98, 98, 100, 100, 100, 102, 102, 104, 110);
        Sample removed = new Sample().sold(96, 98, 98, 100, 100, 100, 102, 102, 104, 111);

        assertThat(valued(kept).outliers()).isZero();
        assertThat(valued(removed).outliers()).isEqualTo(1);
    }

    @Test
    void tenEqualWeightsGiveTheSecondAndNinthOrderStatistics() {
        // Binomial(10, ½): P(B ≤ 1) = 11/1024 = 0.0107 ≤ 0.025 < P(B ≤ 2) = 56/1024, so l = 2, u = 9 and the
        // coverage is 1 − 22/1024.
        MarketValue value = valued(new Sample().sold(101, 102, 103, 104, 105, 106, 107, 108, 109, 110));

        assertThat(value.low()).isEqualTo(102);
        assertThat(value.high()).isEqualTo(109);
        assertThat(value.coverage()).isCloseTo(1 - 22.0 / 1024, within(1e-12));
    }

    @Test
    void twentyEqualWeightsGiveTheSixthAndFifteenthOrderStatistics() {
        // P(B ≤ 5) = 21700/2^20 = 0.0207 ≤ 0.025 < P(B ≤ 6) = 60460/2^20.
        Sample sample = new Sample();
        for (int i = 1; i <= 20; i++) {
            sample.sold(100 + i);
        }

        MarketValue value = valued(sample);

        assertThat(value.low()).isEqualTo(106);
        assertThat(value.high()).isEqualTo(115);
        assertThat(value.coverage()).isCloseTo(1 - 2 * 21700.0 / (1 << 20), within(1e-12));
    }

    @Test
    void weightedIntervalUsesTheEffectiveSampleSize() {
        // Twenty comps, ten today (weight 1) and ten two half-lives old (¼): effective n = 12.5² / 10.625 = 14.7,
        // so m = 14; P(B ≤ 2) = 106/16384 = 0.0065 ≤ 0.025 < P(B ≤ 3) = 470/16384, so l = 3, u = 12, and the
        // weighted quantile levels are 2.5/14 and 11.5/14.
        Sample sample = new Sample();
        for (int i = 1; i <= 10; i++) {
            sample.add(100 + 2 * i, Duration.ZERO, Comp.Kind.SOLD); // 102 … 120, weight 1
            sample.add(101 + 2 * i, Duration.ofDays(28), Comp.Kind.SOLD); // 103 … 121, weight ¼
        }

        MarketValue value = valued(sample);

        assertThat(value.effectiveN()).isCloseTo(12.5 * 12.5 / 10.625, within(1e-9));
        // Cumulative weight by price: 102: 1, 103: 1.25, 104: 2.25, 105: 2.5, …, 117: 10, 118: 11; total 12.5.
        // Low: first to reach 12.5 × 2.5/14 = 2.23 → 104. High: first to reach 12.5 × 11.5/14 = 10.27 → 118.
        assertThat(value.low()).isEqualTo(104);
        assertThat(value.high()).isEqualTo(118);
        assertThat(value.coverage()).isCloseTo(1 - 2 * 106 / 16384.0, within(1e-12));
    }

    @Test
    void orderStatisticRanksMatchTheBinomialForEverySampleSizeUpTo300() {
        MedianInterval interval = new MedianInterval(0.95);
        for (int m = 6; m <= 300; m++) {
            int l = interval.lowerRank(m);
            assertThat(binomialCdf(m, l - 1)).as("P(B ≤ l − 1), m = %d", m).isLessThanOrEqualTo(0.025);
            assertThat(binomialCdf(m, l)).as("P(B ≤ l), m = %d", m).isGreaterThan(0.025);
            assertThat(interval.coverage(m)).isCloseTo(1 - 2 * binomialCdf(m, l - 1), within(1e-9));
        }
    }

    @Test
    void tooSmallASampleForNinetyFivePercentReportsTheCoverageItHas() {
        MedianInterval interval = new MedianInterval(0.95);

        assertThat(interval.lowerRank(5)).isEqualTo(1);
        assertThat(interval.coverage(5)).isEqualTo(1 - 2.0 / 32);
        assertThat(interval.lowerRank(6)).isEqualTo(1);
        assertThat(interval.coverage(6)).isEqualTo(1 - 2.0 / 64);
    }

    private static double binomialCdf(int m, int k) {
        // Independent of MedianInterval: Pascal's rule on probabilities, row by row, then the sum.
        double[] row = {1};
        for (int i = 1; i <= m; i++) {
            double[] next = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                next[j] = ((j > 0 ? row[j - 1] : 0) + (j < i ? row[j] : 0)) / 2;
            }
            row = next;
        }
        double sum = 0;
        for (int j = 0; j <= k; j++) {
            sum += row[j];
        }
        return sum;
    }

    @Test
    void theIntervalCoversTheTrueMedianInAtLeast93PercentOf2000Samples() {
        // Log-normal prices around a true median of 100 (σ = 0.3 on the log scale), 25 comps each, all seen now.
        assertThat(coverage(Duration.ZERO)).isGreaterThanOrEqualTo(0.93).isLessThan(0.995);
    }

    @Test
    void theWeightedIntervalCoversTheTrueMedianInAtLeast93PercentOf2000Samples() {
        // The same, with comps of random ages up to 60 days: weights from 1 down to 0.05.
        assertThat(coverage(Duration.ofDays(60))).isGreaterThanOrEqualTo(0.93).isLessThan(0.995);
    }

    private double coverage(Duration maxAge) {
        SplittableRandom random = new SplittableRandom(20261204);
        int covered = 0;
        int samples = 2000;
        for (int s = 0; s < samples; s++) {
            Sample sample = new Sample();
            for (int i = 0; i < 25; i++) {
                double price = 100 * Math.exp(0.3 * gaussian(random));
                long age = maxAge.isZero() ? 0 : random.nextLong(maxAge.toMillis());
                sample.add(price, Duration.ofMillis(age), Comp.Kind.SOLD);
            }
            MarketValue value = valued(sample);
            if (value.low() <= 100 && 100 <= value.high()) {
                covered++;
            }
        }
        return covered / (double) samples;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller, so the sample depends on the seed alone.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void belowTheMinimumEffectiveSampleSizeThereIsNoValuation() {
        assertThat(new Sample().sold(100, 101, 102, 103).value(valuer)).isInstanceOf(PoolValuation.None.class);
    }

    @Test
    void fiveCompsAreAThinValuationAndTwelveAreNot() {
        assertThat(valued(new Sample().sold(100, 101, 102, 103, 104)).thin()).isTrue();
        assertThat(valued(new Sample().sold(100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110))
                        .thin())
                .as("eleven")
                .isTrue();
        assertThat(valued(new Sample().sold(100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111))
                        .thin())
                .isFalse();
    }

    @Test
    void sixCompsWithUnequalAgesCanStillBeTooFewEffectively() {
        // Four today, two four half-lives old (1/16): effective n = 4.125² / 4.0078 = 4.25 < 5.
        Sample sample = new Sample().sold(100, 101, 102, 103);
        sample.add(104, Duration.ofDays(56), Comp.Kind.SOLD);
        sample.add(105, Duration.ofDays(56), Comp.Kind.SOLD);

        PoolValuation valuation = sample.value(valuer);

        assertThat(valuation).isInstanceOf(PoolValuation.None.class);
        assertThat(((PoolValuation.None) valuation).effectiveN())
                .isCloseTo(4.125 * 4.125 / (4 + 2.0 / 256), within(1e-9));
    }

    @Test
    void saleEvidenceComesFirstWhenThereIsEnough() {
        MarketValue value =
                valued(new Sample().asking(150, 151, 152, 153, 154, 155).sold(100, 101, 102, 103, 104));

        assertThat(value.method()).isEqualTo(MarketValue.Method.SALE_EVIDENCE);
        assertThat(value.compIds()).containsExactlyInAnyOrder("c6", "c7", "c8", "c9", "c10");
        assertThat(value.median()).isEqualTo(102);
    }

    @Test
    void askingPricesAreUsedAndLabelledWhenSaleEvidenceIsTooThin() {
        MarketValue value =
                valued(new Sample().asking(150, 151, 152, 153, 154, 155).sold(100, 101, 102));

        assertThat(value.method()).isEqualTo(MarketValue.Method.ASKING_PRICES);
        assertThat(value.median()).isEqualTo(152.5);
        assertThat(value.compIds()).hasSize(6);
    }

    @Test
    void compsOlderThanTheWindowAreNotUsed() {
        Sample sample = new Sample().sold(100, 101, 102, 103);
        sample.add(500, Duration.ofDays(91), Comp.Kind.SOLD);

        assertThat(sample.value(valuer)).isInstanceOf(PoolValuation.None.class);
        assertThat(((PoolValuation.None) sample.value(valuer)).comps()).isEqualTo(4);
    }
}

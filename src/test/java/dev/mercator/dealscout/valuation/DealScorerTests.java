package dev.mercator.dealscout.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mercator.dealscout.valuation.ListingScore.Classification;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DealScorerTests {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private final DealScorer scorer = new DealScorer(ValuationSettings.defaults());

    /** A market value of 100 with the interval and spread given; 30 comps of sale evidence unless told. */
    static MarketValue market(double low, double high, double spread) {
        return market(low, high, spread, 30, MarketValue.Method.SALE_EVIDENCE, null);
    }

    static MarketValue market(
            double low,
            double high,
            double spread,
            double effectiveN,
            MarketValue.Method method,
            @Nullable PoolKey borrowedFrom) {
        return new MarketValue(
                MarketValuerTests.KEY,
                borrowedFrom,
                method,
                (int) effectiveN,
                effectiveN,
                0,
                NOW,
                NOW,
                100,
                low,
                high,
                0.95,
                spread,
                effectiveN < 12,
                List.of("a", "b"));
    }

    private Classification classify(double price, MarketValue value) {
        return scorer.score("l", price, value, 0.15, null).classification();
    }

    @Test
    void aDealIsBelowTheIntervalWithTheWatchsDiscount() {
        ListingScore score = scorer.score("l", 80, market(92, 108, 5), 0.15, null);

        assertThat(score.classification()).isEqualTo(Classification.DEAL);
        assertThat(score.discount()).isCloseTo(0.20, within(1e-12));
        assertThat(score.robustZ()).isCloseTo(-4, within(1e-12));
        assertThat(score.marketValue()).isNotNull();
    }

    @Test
    void belowTheIntervalWithTooSmallADiscountIsNotADeal() {
        assertThat(classify(90, market(92, 108, 5))).isEqualTo(Classification.NOT_A_DEAL);
        assertThat(scorer.score("l", 90, market(92, 108, 5), 0.05, null).classification())
                .as("a watch content with 5 %")
                .isEqualTo(Classification.DEAL);
    }

    @Test
    void aValueBorrowedFromACoarserPoolIsScoredButNeverADeal() {
        PoolKey family = PoolKeys.chain(new ItemFacts("9355", "00012345678905", null, null, "x", 1500, "USD"))
                .get(1);
        MarketValue borrowed = market(92, 108, 5, 30, MarketValue.Method.SALE_EVIDENCE, family);

        ListingScore score = scorer.score("l", 80, borrowed, 0.15, null);

        assertThat(score.classification()).isEqualTo(Classification.NOT_A_DEAL);
        assertThat(score.discount()).isCloseTo(0.20, within(1e-12));
        assertThat(score.score().score()).isPositive();
    }

    @Test
    void aBigDiscountInsideAWideIntervalIsNotADeal() {
        assertThat(classify(80, market(70, 130, 20))).isEqualTo(Classification.NOT_A_DEAL);
    }

    @Test
    void farBelowTheMarketIsTooGoodNeverADeal() {
        ListingScore score = scorer.score("l", 70, market(92, 108, 5), 0.15, null);

        assertThat(score.robustZ()).isCloseTo(-6, within(1e-12));
        assertThat(score.classification()).isEqualTo(Classification.TOO_GOOD);
        assertThat(classify(75, market(92, 108, 5))).as("z = −5 exactly").isEqualTo(Classification.DEAL);
        assertThat(classify(74.9, market(92, 108, 5))).isEqualTo(Classification.TOO_GOOD);
    }

    @Test
    void moreThanTheTooGoodDiscountBelowTheMarketIsTooGoodHoweverWideThePool() {
        // A spread of 40 (a borrowed pool mixing conditions): 25 is only z = −1.9, but 75 % below the market value.
        MarketValue wide = market(40, 160, 40);
        ListingScore score = scorer.score("l", 25, wide, 0.15, null);

        assertThat(score.robustZ()).isGreaterThan(-5);
        assertThat(score.classification()).isEqualTo(Classification.TOO_GOOD);
        assertThat(classify(39, wide)).as("61 % below").isEqualTo(Classification.TOO_GOOD);
        assertThat(classify(39.5, market(40, 160, 10)))
                .as("60.5 % below, z = −6 anyway")
                .isEqualTo(Classification.TOO_GOOD);
        assertThat(classify(39.99, market(40.5, 160, 40))).as("60.01 % below").isEqualTo(Classification.TOO_GOOD);
        assertThat(classify(40.01, market(40.5, 160, 40)))
                .as("59.99 % below: a deal if below the interval")
                .isEqualTo(Classification.DEAL);
    }

    @Test
    void withoutAValuationThereIsNoClassificationButNoValuation() {
        PoolValuation none = new PoolValuation.None(MarketValuerTests.KEY, 3, 3);

        assertThat(scorer.score("l", 10, none, 0.15, null).classification()).isEqualTo(Classification.NO_VALUATION);
        assertThat(scorer.score("l", 10, null, 0.15, null).classification()).isEqualTo(Classification.NO_VALUATION);
        assertThat(scorer.score("l", 10, none, 0.15, null).score().score()).isZero();
    }

    @Test
    void atOrAboveTheMarketValueTheScoreIsZero() {
        assertThat(scorer.score("l", 100, market(92, 108, 5), 0.15, null)
                        .score()
                        .score())
                .isZero();
        assertThat(scorer.score("l", 120, market(92, 108, 5), 0.15, null)
                        .score()
                        .score())
                .isZero();
    }

    @Test
    void aFullDiscountOnSolidSaleEvidenceScoresAHundred() {
        DealScore score = DealScorer.score(market(92, 108, 5), 0.40, null);

        assertThat(score.score()).isEqualTo(100);
        assertThat(score.components())
                .extracting(DealScore.Component::name)
                .containsExactly("discount", "confidence", "evidence");
    }

    @Test
    void thinBorrowedAskingPricesScoreLessForTheSameDiscount() {
        // Discount 0.2 → 0.5; confidence 15/30 × 0.75 = 0.375; evidence 0.5;
        // quality (0.25 × 0.375 + 0.10 × 0.5) / 0.35 = 0.4107; score 100 × 0.5 × (0.5 + 0.2054) = 35.3.
        MarketValue weak = market(92, 108, 5, 15, MarketValue.Method.ASKING_PRICES, MarketValuerTests.KEY);

        DealScore score = DealScorer.score(weak, 0.20, null);

        assertThat(score.score()).isEqualTo(35);
        assertThat(score.components().get(1).value()).isCloseTo(0.375, within(1e-12));
        assertThat(DealScorer.score(market(92, 108, 5), 0.20, null).score()).isEqualTo(50);
    }

    @Test
    void sellerSignalsJoinTheQualityWhenGiven() {
        // Perfect market: quality 1 without a seller; a seller with 90 % of 9 ratings: trust 0.6561 × 1/3 = 0.2187,
        // quality (0.25 + 0.10 + 0.15 × 0.2187) / 0.5 = 0.7656, score 100 × 0.5 × 0.8828 = 44.1.
        DealScore score = DealScorer.score(market(92, 108, 5), 0.20, new SellerSignals(90, 9));

        assertThat(score.components()).extracting(DealScore.Component::name).endsWith("seller");
        assertThat(score.components().get(3).value()).isCloseTo(0.6561 / 3, within(1e-9));
        assertThat(score.score()).isEqualTo(44);
    }
}

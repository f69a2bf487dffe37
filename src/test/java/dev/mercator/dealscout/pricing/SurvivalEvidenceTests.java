package dev.mercator.dealscout.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The price ladder from known samples of sold comps: price against days on the market. */
class SurvivalEvidenceTests {

    private static final Duration QUICK = Duration.ofDays(3);
    private static final Duration PATIENT = Duration.ofDays(30);

    private static SurvivalEvidence.Sale sale(double total, double days) {
        return new SurvivalEvidence.Sale(total, Duration.ofMinutes(Math.round(days * 1440)));
    }

    /** Cheap listings sold within days, dear ones within weeks, the dearest not within the patient horizon. */
    private static final List<SurvivalEvidence.Sale> MARKET = List.of(
            sale(80, 1),
            sale(85, 2),
            sale(90, 2.5),
            sale(95, 4),
            sale(100, 6),
            sale(110, 10),
            sale(120, 20),
            sale(130, 28),
            sale(160, 45));

    @Test
    void enoughSalesSetAllThreePricesWithTheirHorizonAndSample() {
        SurvivalEvidence.Ladder ladder = SurvivalEvidence.ladder(MARKET, 70, 105, 150, QUICK, PATIENT);

        // Sold within 3 days: 80, 85, 90 → median 85.
        assertThat(ladder.quickSale()).isEqualTo(new SurvivalEvidence.Rung(85, SurvivalEvidence.SURVIVAL, 3, QUICK));
        // All nine sales → median 100.
        assertThat(ladder.market()).isEqualTo(new SurvivalEvidence.Rung(100, SurvivalEvidence.SURVIVAL, 9, null));
        // Sold within 30 days: eight of them, the highest 130; the 160 took 45 days and does not count.
        assertThat(ladder.patient()).isEqualTo(new SurvivalEvidence.Rung(130, SurvivalEvidence.SURVIVAL, 8, PATIENT));
    }

    @Test
    void tooFewQuickSalesFallBackToTheIntervalsLowEndAlone() {
        List<SurvivalEvidence.Sale> slow = MARKET.subList(2, MARKET.size()); // only 90 sold within 3 days

        SurvivalEvidence.Ladder ladder = SurvivalEvidence.ladder(slow, 70, 105, 150, QUICK, PATIENT);

        assertThat(ladder.quickSale()).isEqualTo(new SurvivalEvidence.Rung(70, SurvivalEvidence.INTERVAL, 0, null));
        assertThat(ladder.market().basis()).isEqualTo(SurvivalEvidence.SURVIVAL);
        assertThat(ladder.market().price()).isEqualTo(110); // median of the 7 sales from 90 to 160
        assertThat(ladder.patient().price()).isEqualTo(130);
    }

    @Test
    void withoutEnoughSalesEveryPriceIsTheIntervalPoint() {
        SurvivalEvidence.Ladder ladder =
                SurvivalEvidence.ladder(List.of(sale(80, 1), sale(90, 2)), 70, 105, 150, QUICK, PATIENT);

        assertThat(ladder.quickSale()).isEqualTo(new SurvivalEvidence.Rung(70, SurvivalEvidence.INTERVAL, 0, null));
        assertThat(ladder.market()).isEqualTo(new SurvivalEvidence.Rung(105, SurvivalEvidence.INTERVAL, 0, null));
        assertThat(ladder.patient()).isEqualTo(new SurvivalEvidence.Rung(150, SurvivalEvidence.INTERVAL, 0, null));
    }

    @Test
    void theLadderNeverCrossesWhenSurvivalAndIntervalPricesMix() {
        // Three dear quick sales, nothing else, and a 1-day patient horizon too short for three of them: the
        // interval's high end (150) would sit below the market price (200), so it is lifted to it.
        List<SurvivalEvidence.Sale> dear = List.of(sale(190, 1), sale(200, 1), sale(210, 2));

        SurvivalEvidence.Ladder ladder = SurvivalEvidence.ladder(dear, 70, 105, 150, QUICK, Duration.ofDays(1));

        assertThat(ladder.market().price()).isEqualTo(200);
        assertThat(ladder.quickSale().price())
                .isLessThanOrEqualTo(ladder.market().price());
        assertThat(ladder.patient().price()).isEqualTo(200); // two sales within 1 day: interval, lifted to market
        assertThat(ladder.patient().basis()).isEqualTo(SurvivalEvidence.INTERVAL);
    }

    @Test
    void expectedDaysAreTheMedianDaysOfSalesAtOrBelowThePrice() {
        assertThat(SurvivalEvidence.expectedDays(MARKET, 90)).isEqualTo(2.0);
        assertThat(SurvivalEvidence.expectedDays(MARKET, 85)).isNull(); // only two sales at or below 85
        assertThat(SurvivalEvidence.countAtOrBelow(MARKET, 100)).isEqualTo(5);
    }
}

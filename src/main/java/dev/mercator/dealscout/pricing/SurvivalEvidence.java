package dev.mercator.dealscout.pricing;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How long comparable listings took to vanish (sell) at their prices, from the observations the scans keep (ADR 28): a
 * comp whose id is an observation that vanished gives a price and a time on the market. The expected days to sell at a
 * price is the median time on the market of the vanished comps priced at or below it; with fewer than {@link
 * #MIN_EVIDENCE} of them it is unknown, and said to be.
 *
 * <p>The same sales set the prices when there are enough of them ({@link #ladder}): the quick-sale price is the median
 * price of those that sold within the short horizon, the market price the median of all of them, the patient price the
 * highest that still sold within the long horizon. Each falls back to the valuation's interval point (low end, median,
 * high end) when fewer than {@link #MIN_EVIDENCE} sales back it, and says which basis it has.
 */
@Component
class SurvivalEvidence {

    static final int MIN_EVIDENCE = 3;

    private final JdbcClient jdbc;

    SurvivalEvidence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A vanished comp: its total price and how long it was listed. */
    record Sale(double total, Duration listed) {}

    List<Sale> of(List<String> compIds) {
        List<UUID> ids = new ArrayList<>();
        for (String id : compIds) {
            try {
                ids.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                // A comp that is not an observation (fed by another source) has no survival record.
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select price, shipping, first_seen_at, vanished_at from dealscout_observations"
                        + " where id in (:ids) and vanished_at is not null")
                .param("ids", ids)
                .query((rs, n) -> {
                    double shipping = rs.getBigDecimal("shipping") == null
                            ? 0
                            : rs.getBigDecimal("shipping").doubleValue();
                    Timestamp first = rs.getTimestamp("first_seen_at");
                    Timestamp vanished = rs.getTimestamp("vanished_at");
                    return new Sale(
                            rs.getBigDecimal("price").doubleValue() + shipping,
                            Duration.between(first.toInstant(), vanished.toInstant()));
                })
                .list();
    }

    static final String SURVIVAL = "survival evidence";
    static final String INTERVAL = "interval";

    /**
     * One rung of the ladder.
     *
     * @param basis {@link #SURVIVAL} or {@link #INTERVAL}
     * @param n the sales the price was derived from (0 on the interval basis)
     * @param horizon the time-on-market bound of those sales, null for the market price (all sales) and the interval
     */
    record Rung(double price, String basis, int n, @Nullable Duration horizon) {}

    record Ladder(Rung quickSale, Rung market, Rung patient) {}

    /**
     * The quick-sale, market and patient prices from the sales, each falling back to its interval point ({@code low},
     * {@code median}, {@code high}) when too few sales back it. The quick-sale price is never above the market price
     * and the patient price never below it: a merchant reads the three as a ladder, and on thin or mixed evidence
     * (a survival price next to an interval one) the independent derivations could cross.
     */
    static Ladder ladder(
            List<Sale> sales, double low, double median, double high, Duration quickHorizon, Duration patientHorizon) {
        double[] quick = totalsWithin(sales, quickHorizon);
        double[] all = totalsWithin(sales, null);
        double[] patient = totalsWithin(sales, patientHorizon);
        Rung market = all.length >= MIN_EVIDENCE
                ? new Rung(median(all), SURVIVAL, all.length, null)
                : new Rung(median, INTERVAL, 0, null);
        Rung fast = quick.length >= MIN_EVIDENCE
                ? new Rung(Math.min(median(quick), market.price()), SURVIVAL, quick.length, quickHorizon)
                : new Rung(Math.min(low, market.price()), INTERVAL, 0, null);
        Rung slow = patient.length >= MIN_EVIDENCE
                ? new Rung(
                        Math.max(patient[patient.length - 1], market.price()), SURVIVAL, patient.length, patientHorizon)
                : new Rung(Math.max(high, market.price()), INTERVAL, 0, null);
        return new Ladder(fast, market, slow);
    }

    /** The sorted totals of the sales listed at most {@code horizon} (all of them for null). */
    private static double[] totalsWithin(List<Sale> sales, @Nullable Duration horizon) {
        return sales.stream()
                .filter(sale -> horizon == null || sale.listed().compareTo(horizon) <= 0)
                .mapToDouble(Sale::total)
                .sorted()
                .toArray();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Median days listed of the sales at or below {@code price}, or null when there are too few to say. */
    static @Nullable Double expectedDays(List<Sale> sales, double price) {
        double[] days = sales.stream()
                .filter(sale -> sale.total() <= price * 1.0001)
                .mapToDouble(sale -> sale.listed().toMinutes() / 1440.0)
                .sorted()
                .toArray();
        if (days.length < MIN_EVIDENCE) {
            return null;
        }
        return Math.round(median(days) * 10) / 10.0;
    }

    static long countAtOrBelow(List<Sale> sales, double price) {
        return sales.stream().filter(sale -> sale.total() <= price * 1.0001).count();
    }
}

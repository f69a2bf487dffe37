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
        double median =
                days.length % 2 == 1 ? days[days.length / 2] : (days[days.length / 2 - 1] + days[days.length / 2]) / 2;
        return Math.round(median * 10) / 10.0;
    }

    static long countAtOrBelow(List<Sale> sales, double price) {
        return sales.stream().filter(sale -> sale.total() <= price * 1.0001).count();
    }
}

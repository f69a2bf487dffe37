package dev.mercator.analytics.metrics;

import dev.mercator.analytics.lake.LakeReader;
import dev.mercator.platform.MerchantId;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Runs the RFM definition ({@code analytics/metrics/rfm.v1.sql}) over one merchant's events. */
@Component
class RfmReport {

    static final String DEFINITION = "rfm.v1";

    private final LakeReader lake;
    private final MetricDefinitions definition = MetricDefinitions.load(DEFINITION);

    RfmReport(LakeReader lake) {
        this.lake = lake;
    }

    /** One customer's figures, scores and segment, in the definition's order (by segment, then monetary value). */
    record Row(
            String customerId,
            long recencyDays,
            long frequency,
            BigDecimal monetary,
            int r,
            int f,
            int m,
            int fm,
            String segment) {}

    List<Row> run(MerchantId merchant, ZoneId zone, LocalDate asOf, int lookbackDays, String currency) {
        return lake.query(merchant, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(definition.sql())) {
                statement.setString(1, zone.getId());
                statement.setObject(2, asOf);
                statement.setInt(3, lookbackDays);
                statement.setString(4, currency);
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(
                                rs.getString("customer_id"),
                                rs.getLong("recency_days"),
                                rs.getLong("frequency"),
                                rs.getBigDecimal("monetary"),
                                rs.getInt("r"),
                                rs.getInt("f"),
                                rs.getInt("m"),
                                rs.getInt("fm"),
                                rs.getString("segment")));
                    }
                }
                return rows;
            }
        });
    }
}

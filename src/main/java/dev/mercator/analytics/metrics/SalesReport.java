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
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Runs the sales definition ({@code analytics/metrics/sales.v1.sql}) over one merchant's events. */
@Component
class SalesReport {

    static final String DEFINITION = "sales.v1";

    private final LakeReader lake;
    private final MetricDefinitions definition = MetricDefinitions.load(DEFINITION);

    SalesReport(LakeReader lake) {
        this.lake = lake;
    }

    /** One period's figures in one currency, for one channel or all ({@code *}). */
    record Row(
            LocalDate period,
            String currency,
            String channel,
            BigDecimal grossSales,
            BigDecimal discounts,
            BigDecimal refunds,
            BigDecimal netSales,
            long orders,
            long units,
            @Nullable BigDecimal averageOrderValue,
            @Nullable BigDecimal unitsPerOrder,
            long newCustomers,
            long returningCustomers) {}

    List<Row> run(
            MerchantId merchant,
            ZoneId zone,
            LocalDate from,
            LocalDate to,
            Granularity granularity,
            @Nullable String channel) {
        return lake.query(merchant, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(definition.sql())) {
                statement.setString(1, zone.getId());
                statement.setObject(2, from);
                statement.setObject(3, to);
                statement.setString(4, granularity.wire());
                statement.setString(5, channel);
                List<Row> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(
                                rs.getObject("period", LocalDate.class),
                                rs.getString("currency"),
                                rs.getString("channel"),
                                rs.getBigDecimal("gross_sales"),
                                rs.getBigDecimal("discounts"),
                                rs.getBigDecimal("refunds"),
                                rs.getBigDecimal("net_sales"),
                                rs.getLong("orders"),
                                rs.getLong("units"),
                                rs.getBigDecimal("average_order_value"),
                                rs.getBigDecimal("units_per_order"),
                                rs.getLong("new_customers"),
                                rs.getLong("returning_customers")));
                    }
                }
                return rows;
            }
        });
    }
}

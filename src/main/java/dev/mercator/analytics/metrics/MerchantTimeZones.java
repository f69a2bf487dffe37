package dev.mercator.analytics.metrics;

import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The time zone each merchant's figures are cut into days in. Merchants have no time zone of their own elsewhere in
 * Mercator yet, so analytics keeps one, UTC until the merchant sets it.
 */
@Component
class MerchantTimeZones {

    /** By its region id: DuckDB's ICU knows {@code UTC}, not the {@code Z} of {@code ZoneOffset.UTC}. */
    static final ZoneId UTC = ZoneId.of("UTC");

    private final JdbcClient jdbc;
    private final Clock clock;

    MerchantTimeZones(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    ZoneId of(MerchantId merchant) {
        return jdbc.sql("select time_zone from analytics_merchant_settings where merchant_id = :merchant")
                .param("merchant", merchant.value())
                .query(String.class)
                .optional()
                .map(ZoneId::of)
                .orElse(UTC);
    }

    void set(MerchantId merchant, ZoneId zone) {
        Timestamp now = Timestamp.from(clock.instant());
        // Update first, insert when there is nothing to update; a concurrent first insert makes ours do nothing, and
        // the update that follows then applies this zone after it.
        if (update(merchant, zone, now) == 0) {
            int inserted = jdbc.sql("insert into analytics_merchant_settings (merchant_id, time_zone, updated_at)"
                            + " values (:merchant, :zone, :now) on conflict do nothing")
                    .param("zone", zone.getId())
                    .param("now", now)
                    .param("merchant", merchant.value())
                    .update();
            if (inserted == 0) {
                update(merchant, zone, now);
            }
        }
    }

    private int update(MerchantId merchant, ZoneId zone, Timestamp now) {
        return jdbc.sql("update analytics_merchant_settings set time_zone = :zone, updated_at = :now"
                        + " where merchant_id = :merchant")
                .param("zone", zone.getId())
                .param("now", now)
                .param("merchant", merchant.value())
                .update();
    }
}

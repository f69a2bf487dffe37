package dev.mercator.inventory.amazon;

import dev.mercator.platform.MerchantId;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far a merchant's Amazon orders poll has got, read-only: {@link AmazonOrdersPoller} owns the watermark and moves it.
 * Every order Amazon last updated before it has been applied (or kept as unmapped), so a listing read before it that
 * shows less than Mercator confirmed is not explained by an order still on its way (ADR 24).
 */
@Component
class AmazonOrderWatermarks {

    private final JdbcClient jdbc;

    AmazonOrderWatermarks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The moment the merchant's orders are applied through; {@link Instant#EPOCH} if never polled. */
    Instant polledThrough(MerchantId merchant) {
        return jdbc.sql("select last_updated_after from amazon_order_watermarks where merchant_id = :merchant")
                .param("merchant", merchant.value())
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional()
                .orElse(Instant.EPOCH);
    }
}

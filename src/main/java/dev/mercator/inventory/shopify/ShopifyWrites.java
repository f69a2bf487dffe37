package dev.mercator.inventory.shopify;

import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Quantities Mercator is writing to Shopify, so that the {@code inventory_levels/update} each write triggers is
 * recognised as an echo and asks for no check. A write is recorded before it is sent, in a transaction of its
 * own that commits at once: the echo may arrive before Shopify's answer does, and the caller may be inside a
 * transaction that commits later. A write Shopify certainly did not apply is forgotten again, so it cannot mask a later
 * manual edit to the same value.
 */
@Component
class ShopifyWrites {

    /** How long after Mercator's own write its echo is still expected. */
    static final java.time.Duration ECHO_WINDOW = java.time.Duration.ofMinutes(15);

    record Write(MerchantId merchant, String inventoryItemId, int quantity, Instant at) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ShopifyWrites(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    Write record(MerchantId merchant, String inventoryItemId, int quantity) {
        // Microseconds: what both databases keep, so forget() finds the row by its timestamp.
        Write write =
                new Write(merchant, inventoryItemId, quantity, clock.instant().truncatedTo(ChronoUnit.MICROS));
        transactions.executeWithoutResult(status -> jdbc.sql("""
                        insert into inventory_shopify_writes (merchant_id, inventory_item_id, quantity, written_at)
                        values (:merchant, :item, :quantity, :at)""")
                .param("merchant", merchant.value())
                .param("item", inventoryItemId)
                .param("quantity", quantity)
                .param("at", Timestamp.from(write.at()))
                .update());
        return write;
    }

    /**
     * Whether a report of {@code available} is the echo of a recorded write; the write is consumed, so a later genuine
     * change to the same value is not taken for one. Runs in the caller's transaction.
     */
    boolean consumeEcho(MerchantId merchant, String inventoryItemId, int available, Instant now) {
        return jdbc.sql("""
                                update inventory_shopify_writes set consumed_at = :now
                                where merchant_id = :merchant and inventory_item_id = :item and quantity = :available
                                  and consumed_at is null and written_at >= :since""")
                        .param("now", Timestamp.from(now))
                        .param("merchant", merchant.value())
                        .param("item", inventoryItemId)
                        .param("available", available)
                        .param("since", Timestamp.from(now.minus(ECHO_WINDOW)))
                        .update()
                > 0;
    }

    void forget(Write write) {
        transactions.executeWithoutResult(status -> jdbc.sql("""
                        delete from inventory_shopify_writes
                        where merchant_id = :merchant and inventory_item_id = :item and quantity = :quantity
                          and written_at = :at and consumed_at is null""")
                .param("merchant", write.merchant().value())
                .param("item", write.inventoryItemId())
                .param("quantity", write.quantity())
                .param("at", Timestamp.from(write.at()))
                .update());
    }
}

package dev.mercator.marketplaces.resilience;

import dev.mercator.marketplaces.Marketplace;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Daily quota use in the database, so all instances spend one budget. A conditional increment ({@code used < limit})
 * makes the check and the count one atomic statement; each in a short transaction of its own.
 */
@Component
class DatabaseQuotaCounter implements QuotaCounter {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    DatabaseQuotaCounter(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public long tryTake(Marketplace marketplace, LocalDate day, long limit) {
        Long result = transactions.execute(status -> {
            jdbc.sql("""
                            insert into catalog_quota_usage (marketplace, quota_day, used)
                            values (:marketplace, :day, 0) on conflict do nothing""")
                    .param("marketplace", marketplace.id())
                    .param("day", day)
                    .update();
            int taken = jdbc.sql("""
                            update catalog_quota_usage set used = used + 1
                            where marketplace = :marketplace and quota_day = :day and used < :limit""")
                    .param("marketplace", marketplace.id())
                    .param("day", day)
                    .param("limit", limit)
                    .update();
            return taken == 0 ? -1L : used(marketplace, day);
        });
        return result == null ? -1 : result;
    }

    @Override
    public long used(Marketplace marketplace, LocalDate day) {
        return jdbc.sql("select used from catalog_quota_usage where marketplace = :marketplace and quota_day = :day")
                .param("marketplace", marketplace.id())
                .param("day", day)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }
}

package dev.mercator.analytics.lake;

import dev.mercator.platform.MerchantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The manifest of Parquet files: a file is part of the lake once, and only once, it is listed here. */
@Component
class LakeFiles {

    private final JdbcClient jdbc;

    LakeFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(UUID id, MerchantId merchant, LocalDate date, String path, int events, long bytes, Instant now) {
        jdbc.sql("""
                        insert into analytics_files (id, merchant_id, event_date, path, events, bytes, created_at)
                        values (:id, :merchant, :date, :path, :events, :bytes, :now)""")
                .param("id", id)
                .param("merchant", merchant.value())
                .param("date", date)
                .param("path", path)
                .param("events", events)
                .param("bytes", bytes)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * The paths listed for a merchant. Read after the sweep has picked its candidates, so a file committed meanwhile is
     * in it; candidates are older than the orphan age anyway.
     */
    java.util.Set<String> paths(MerchantId merchant) {
        return java.util.Set.copyOf(jdbc.sql("select path from analytics_files where merchant_id = :merchant")
                .param("merchant", merchant.value())
                .query(String.class)
                .list());
    }
}

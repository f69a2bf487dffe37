package dev.mercator.analytics.lake;

import static dev.mercator.analytics.AnalyticsEvents.batch;
import static dev.mercator.analytics.AnalyticsEvents.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercator.platform.MerchantId;
import dev.mercator.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The flusher writing real Parquet files through DuckDB, read back through the manifest. */
class LakeFlushIntegrationTests extends IntegrationTest {

    private static final String PATH = "/api/analytics/events";

    @Autowired
    FlushPass pass;

    @Autowired
    LakeReader reader;

    @Autowired
    DuckDb duck;

    @Autowired
    LakeSettings settings;

    @Autowired
    JdbcClient jdbc;

    private void flushAll() {
        while (pass.run() > 0) {
            // until the journal has nothing pending
        }
    }

    record Listed(String path, int events, long bytes) {}

    private List<Listed> manifest(Tenant tenant) {
        return jdbc.sql("select path, events, bytes from analytics_files where merchant_id = :m order by path")
                .param("m", UUID.fromString(tenant.id()))
                .query((rs, n) -> new Listed(rs.getString("path"), rs.getInt("events"), rs.getLong("bytes")))
                .list();
    }

    private List<Path> filesOnDisk(Tenant tenant) throws Exception {
        Path dir = settings.directory().resolve("merchant=" + tenant.id());
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private long count(Tenant tenant, String sql) {
        return reader.query(MerchantId.of(tenant.id()), connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void eventsAreWrittenToParquetPartitionedByMerchantAndDateAndListedInTheManifest() throws Exception {
        Tenant shop = newMerchant("Flush Shop");
        shop.api()
                .post(
                        PATH,
                        batch(List.of(
                                pageView("a", "2026-03-01T10:00:00Z"),
                                pageView("b", "2026-03-01T23:59:59Z"),
                                pageView("c", "2026-03-02T00:00:00Z"))));

        flushAll();

        List<Listed> listed = manifest(shop);
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).path())
                .matches("merchant=" + shop.id() + "/date=2026-03-01/part-[0-9a-f-]{36}\\.parquet");
        assertThat(listed.get(0).events()).isEqualTo(2);
        assertThat(listed.get(1).path()).startsWith("merchant=" + shop.id() + "/date=2026-03-02/");
        assertThat(listed.get(1).events()).isEqualTo(1);
        assertThat(filesOnDisk(shop))
                .as("exactly the listed files, no temporary ones left")
                .containsExactlyElementsOf(listed.stream()
                        .map(l -> settings.directory().resolve(l.path()))
                        .toList());
        for (Listed file : listed) {
            assertThat(Files.size(settings.directory().resolve(file.path()))).isEqualTo(file.bytes());
        }
        // The files themselves, read by DuckDB without the journal: the events, typed.
        List<String> ids = new ArrayList<>();
        try (var connection = duck.connect();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select event_id, typeof(occurred_at), typeof(payload)"
                        + " from read_parquet('"
                        + settings.directory().resolve(listed.get(0).path()).toAbsolutePath()
                        + "') order by event_id")) {
            while (rs.next()) {
                ids.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        assertThat(ids).containsExactly("a TIMESTAMP WITH TIME ZONE JSON", "b TIMESTAMP WITH TIME ZONE JSON");
        assertThat(jdbc.sql("select count(*) from analytics_events where merchant_id = :m and file_id is null")
                        .param("m", UUID.fromString(shop.id()))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anotherPassAndARepeatedEventWriteNothingTwice() throws Exception {
        Tenant shop = newMerchant("Rerun Shop");
        shop.api()
                .post(
                        PATH,
                        batch(List.of(pageView("a", "2026-03-01T10:00:00Z"), pageView("b", "2026-03-01T11:00:00Z"))));
        flushAll();
        List<Listed> before = manifest(shop);

        flushAll();
        shop.api()
                .post(
                        PATH,
                        batch(List.of(pageView("a", "2026-03-01T10:00:00Z"), pageView("c", "2026-03-01T12:00:00Z"))));
        flushAll();

        List<Listed> after = manifest(shop);
        assertThat(after).hasSize(2).containsAll(before);
        assertThat(after.stream().mapToInt(Listed::events).sum()).isEqualTo(3);
        assertThat(filesOnDisk(shop)).hasSize(2);
        assertThat(count(shop, "select count(*) from events")).isEqualTo(3);
        assertThat(count(shop, "select count(distinct event_id) from events")).isEqualTo(3);
    }

    @Test
    void aFileWrittenButNeverListedIsNotReadAndItsEventsAreWrittenAgain() throws Exception {
        Tenant shop = newMerchant("Crash Shop");
        shop.api()
                .post(
                        PATH,
                        batch(List.of(pageView("a", "2026-03-01T10:00:00Z"), pageView("b", "2026-03-01T11:00:00Z"))));
        // A flusher that wrote its file and died before its transaction committed: the file is there, unlisted.
        Path orphan = settings.directory()
                .resolve("merchant=" + shop.id() + "/date=2026-03-01/part-" + UUID.randomUUID() + ".parquet");
        Files.createDirectories(orphan.getParent());
        reader.query(MerchantId.of(shop.id()), connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("copy (select * from events) to '" + orphan.toAbsolutePath() + "' (format parquet)");
            }
            return null;
        });
        assertThat(Files.size(orphan)).isPositive();

        assertThat(count(shop, "select count(*) from events")).isEqualTo(2);
        flushAll();

        assertThat(manifest(shop)).hasSize(1);
        assertThat(manifest(shop).getFirst().path())
                .doesNotContain(orphan.getFileName().toString());
        assertThat(count(shop, "select count(*) from events")).isEqualTo(2);
    }

    @Test
    void aQuerySeesFlushedAndPendingEventsTogetherAndNoOtherMerchants() {
        Tenant shop = newMerchant("Fresh Shop");
        Tenant other = newMerchant("Other Shop");
        shop.api()
                .post(
                        PATH,
                        batch(List.of(pageView("a", "2026-03-01T10:00:00Z"), pageView("b", "2026-03-01T11:00:00Z"))));
        other.api().post(PATH, batch(List.of(pageView("a", "2026-03-01T10:00:00Z"))));
        flushAll();
        shop.api().post(PATH, batch(List.of(pageView("c", "2026-03-02T10:00:00Z"))));
        other.api().post(PATH, batch(List.of(pageView("z", "2026-03-02T10:00:00Z"))));

        assertThat(manifest(shop)).hasSize(1);
        assertThat(count(shop, "select count(*) from events")).isEqualTo(3);
        assertThat(count(shop, "select count(*) from events where merchant_id <> '" + shop.id() + "'"))
                .isZero();
        assertThat(count(other, "select count(*) from events")).isEqualTo(2);
    }

    @Test
    void theSweepDeletesOnlyUnlistedFilesOlderThanTheOrphanAge() throws Exception {
        Tenant shop = newMerchant("Sweep Shop");
        shop.api().post(PATH, batch(List.of(pageView("a", "2026-03-01T10:00:00Z"))));
        flushAll();
        Path listed = settings.directory().resolve(manifest(shop).getFirst().path());
        Path partition = listed.getParent();
        Path oldOrphan = partition.resolve("part-" + UUID.randomUUID() + ".parquet");
        Path oldTemporary = partition.resolve(".part-" + UUID.randomUUID() + ".parquet.tmp");
        Path youngOrphan = partition.resolve("part-" + UUID.randomUUID() + ".parquet");
        Path notOurs = partition.resolve("README.txt");
        for (Path path : List.of(oldOrphan, oldTemporary, youngOrphan, notOurs)) {
            Files.writeString(path, "not really parquet");
        }
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        for (Path path : List.of(listed, oldOrphan, oldTemporary, notOurs)) {
            Files.setLastModifiedTime(path, twoHoursAgo);
        }

        assertThat(pass.sweep()).isGreaterThanOrEqualTo(2);

        assertThat(listed).exists();
        assertThat(youngOrphan)
                .as("younger than the orphan age: may be a flush about to commit")
                .exists();
        assertThat(notOurs).exists();
        assertThat(oldOrphan).doesNotExist();
        assertThat(oldTemporary).doesNotExist();
        assertThat(count(shop, "select count(*) from events")).isEqualTo(1);
    }

    @Test
    void twoFlushersOnTheSameEventsWriteThemOnce() throws Exception {
        flushAll();
        Tenant shop = newMerchant("Two Flushers Shop");
        List<java.util.Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(pageView("e-" + i, "2026-03-01T10:00:00Z"));
        }
        shop.api().post(PATH, batch(events));

        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        List<java.util.concurrent.CompletableFuture<Integer>> passes = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            passes.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return pass.run();
            }));
        }
        int written = 0;
        int failed = 0;
        for (java.util.concurrent.CompletableFuture<Integer> run : passes) {
            try {
                written += run.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failed++; // a lock timeout is an acceptable way to lose the race: nothing of it is listed
            }
        }
        flushAll();

        assertThat(failed).isLessThan(2);
        assertThat(written).as("the two passes together wrote each event once").isEqualTo(300);
        assertThat(manifest(shop).stream().mapToInt(Listed::events).sum()).isEqualTo(300);
        assertThat(filesOnDisk(shop)).hasSameSizeAs(manifest(shop));
        assertThat(count(shop, "select count(*) from events")).isEqualTo(300);
    }
}

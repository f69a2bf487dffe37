package dev.mercator.analytics.lake;

import dev.mercator.platform.MerchantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One pass of the {@link Flusher}: pending journal events into Parquet files, one per merchant and UTC date of the
 * events. Separate from the worker so tests drive passes themselves.
 *
 * <p>A file becomes part of the lake in one transaction that claims its events (sets their {@code file_id}, only
 * where none is set yet) and lists the file in the manifest; the file is written under a temporary name and moved
 * to its final name inside that transaction, before the commit. So:
 *
 * <ul>
 *   <li>a crash before the commit leaves at most an unlisted file, which no reader looks at (readers go by the
 *       manifest), while the events stay in the journal and are written again into a new file: nothing is lost,
 *       nothing counted twice;
 *   <li>two flushers on the same events: the claim comes first, so the second finds rows already claimed (on
 *       PostgreSQL it waits for the first to commit), rolls back and writes nothing.
 * </ul>
 */
@Component
public class FlushPass {

    private static final Logger log = LoggerFactory.getLogger(FlushPass.class);

    private final EventJournal journal;
    private final LakeFiles files;
    private final DuckDb duck;
    private final TransactionTemplate transactions;
    private final LakeSettings settings;
    private final Clock clock;

    FlushPass(
            EventJournal journal,
            LakeFiles files,
            DuckDb duck,
            TransactionTemplate transactions,
            LakeSettings settings,
            Clock clock) {
        this.journal = journal;
        this.files = files;
        this.duck = duck;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Writes up to a batch of pending events; returns how many this pass wrote into files. */
    public int run() {
        List<EventJournal.Pending> pending = journal.unflushed(settings.batchSize());
        Map<Partition, List<EventJournal.Pending>> partitions = new LinkedHashMap<>();
        for (EventJournal.Pending event : pending) {
            LocalDate date = event.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
            partitions
                    .computeIfAbsent(new Partition(event.merchant(), date), p -> new ArrayList<>())
                    .add(event);
        }
        int written = 0;
        for (Map.Entry<Partition, List<EventJournal.Pending>> partition : partitions.entrySet()) {
            written += write(partition.getKey(), partition.getValue());
        }
        return written;
    }

    private record Partition(MerchantId merchant, LocalDate date) {}

    private int write(Partition partition, List<EventJournal.Pending> events) {
        UUID id = UUID.randomUUID();
        String relative = "merchant=" + partition.merchant() + "/date=" + partition.date() + "/part-" + id + ".parquet";
        Path target = settings.directory().resolve(relative);
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Boolean done = transactions.execute(status -> {
                List<String> ids = events.stream().map(EventJournal.Pending::id).toList();
                if (journal.claim(partition.merchant(), ids, id) != ids.size()) {
                    status.setRollbackOnly();
                    return false;
                }
                long bytes = writeParquet(events, temporary, target);
                files.record(
                        id, partition.merchant(), partition.date(), relative, events.size(), bytes, clock.instant());
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                return events.size();
            }
            log.info(
                    "Another flusher took some of {}'s events of {}; they are left to it",
                    partition.merchant(),
                    partition.date());
            return 0;
        } catch (RuntimeException e) {
            // Not listed (the transaction rolled back, or never committed): the file must not linger for readers
            // that go by the directory rather than the manifest.
            deleteQuietly(temporary);
            deleteQuietly(target);
            throw e;
        }
    }

    private long writeParquet(List<EventJournal.Pending> events, Path temporary, Path target) {
        try {
            Files.createDirectories(target.getParent());
            try (Connection connection = duck.connect();
                    Staging staging = Staging.of(connection, events);
                    Statement statement = connection.createStatement()) {
                statement.execute("copy (" + staging.typed() + " order by occurred_at, event_id) to '"
                        + Flusher.literal(temporary.toAbsolutePath().toString())
                        + "' (format parquet, compression zstd)");
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(target);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not write " + target, e);
        }
    }

    /**
     * Deletes the lake's files that no manifest entry lists and that are older than {@code orphan-age}: left by a
     * flusher that died between writing a file and committing it (readers never saw them; their events were written
     * again). Returns how many it deleted.
     */
    public int sweep() {
        Path root = settings.directory();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        java.time.Instant cutoff = clock.instant().minus(settings.orphanAge());
        int deleted = 0;
        try (java.util.stream.Stream<Path> merchants = Files.list(root)) {
            for (Path merchantDirectory : merchants.filter(Files::isDirectory).toList()) {
                deleted += sweep(root, merchantDirectory, cutoff);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not sweep " + root, e);
        }
        return deleted;
    }

    /** One merchant's directory, against its manifest entries read once. */
    private int sweep(Path root, Path merchantDirectory, java.time.Instant cutoff) throws IOException {
        String name = merchantDirectory.getFileName().toString();
        MerchantId merchant;
        try {
            merchant = MerchantId.of(name.substring(name.indexOf('=') + 1));
        } catch (IllegalArgumentException notOurs) {
            return 0;
        }
        List<Path> candidates;
        try (java.util.stream.Stream<Path> walk = Files.walk(merchantDirectory)) {
            candidates = walk.filter(Files::isRegularFile)
                    .filter(FlushPass::lakeFile)
                    .filter(path -> olderThan(path, cutoff))
                    .toList();
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        java.util.Set<String> listed = files.paths(merchant);
        int deleted = 0;
        for (Path path : candidates) {
            String relative = root.relativize(path).toString().replace(java.io.File.separatorChar, '/');
            if (!listed.contains(relative)) {
                log.warn("Deleting {}: no manifest entry lists it (left by an interrupted flush)", relative);
                deleteQuietly(path);
                deleted++;
            }
        }
        return deleted;
    }

    private static boolean lakeFile(Path path) {
        String name = path.getFileName().toString();
        return (name.startsWith("part-") && name.endsWith(".parquet"))
                || (name.startsWith(".part-") && name.endsWith(".parquet.tmp"));
    }

    private static boolean olderThan(Path path, java.time.Instant cutoff) {
        try {
            return Files.getLastModifiedTime(path).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false; // gone meanwhile, or unreadable: not ours to delete now
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Could not delete unlisted lake file {}", path, e);
        }
    }
}

package dev.flagledger.server.eventstore;

import dev.flagledger.auth.web.Unavailable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * H2 through {@link SpaceWaitingFiles} on a disk that fills up ({@link FullDisk} under it: every write fails
 * half-written, as on a real full disk, until the space returns). Without the waiting, the first failed write
 * closes H2's store (H2FullDiskDurabilityTest, ReopenSafeEventStoreTest); with it, H2 never learns of the full
 * disk: the commits wait, reads go on, and when the space returns every commit goes through, none lost.
 */
class SpaceWaitingFilesTest {
    @TempDir
    Path directory;

    private String url() {
        return SpaceWaitingFiles.wrap(FullDisk.url(directory.resolve("store")));
    }

    @Test
    void commits_on_a_full_disk_wait_for_the_space_and_none_is_lost() throws Exception {
        // Polled once, at the start (an hour apart): the real disk under FullDisk has space, so only the
        // write meeting the simulated full disk can tell the watcher.
        EmbeddedStoreDisk disk = EmbeddedStoreDisk.watching(url(), 0, Duration.ofHours(1));
        ExecutorService writers = Executors.newFixedThreadPool(3);
        FullDisk.partialWrites = true;
        try (Connection reader = DriverManager.getConnection(url(), "sa", "")) {
            reader.createStatement().execute("create table t(x int primary key, pad varchar(2000))");
            AtomicInteger next = new AtomicInteger();
            AtomicInteger committed = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                running.add(writers.submit(() -> {
                    try (Connection c = DriverManager.getConnection(url(), "sa", "")) {
                        for (int i = 0; i < 40; i++) {
                            c.createStatement().execute("insert into t values (" + next.getAndIncrement() + ", repeat('x', 1500))");
                            committed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            while (committed.get() < 20) Thread.sleep(5);
            assertThat(disk.full()).isFalse();
            FullDisk.fillUpAt(Thread.currentThread());
            FullDisk.failTheWaitingWrite();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!disk.full() && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(disk.full()).as("the watcher learns of the full disk from the write that met it").isTrue();
            assertThatThrownBy(disk::refuseChangesWhileFull).isInstanceOf(EmbeddedStoreDisk.DiskFull.class)
                    .satisfies(refused -> assertThat(Unavailable.causedBy(refused)).as("answered UNAVAILABLE").isTrue());

            int whenFull = committed.get();
            Thread.sleep(500);
            assertThat(committed.get()).as("no commit goes through while the disk is full").isEqualTo(whenFull);
            assertThat(running).as("the writers wait, none failed").noneMatch(Future::isDone);
            assertThat(count(reader)).as("reads go on while the disk is full").isBetween(whenFull, whenFull + 3);

            FullDisk.spaceReturns();
            for (Future<?> writer : running) writer.get(30, TimeUnit.SECONDS);
            assertThat(committed.get()).isEqualTo(120);
            assertThat(count(reader)).isEqualTo(120);
        } finally {
            FullDisk.partialWrites = false;
            FullDisk.spaceReturns();
            writers.shutdownNow();
            disk.close();
        }
        // Opened afresh from the file: everything committed is there.
        try (Connection again = DriverManager.getConnection(url(), "sa", "")) {
            assertThat(count(again)).isEqualTo(120);
        }
    }

    @Test
    void changes_are_refused_below_the_reserve_and_accepted_again_above_it() throws Exception {
        try (EmbeddedStoreDisk roomy = EmbeddedStoreDisk.watching(url(), 1, Duration.ofHours(1));
             EmbeddedStoreDisk cramped = EmbeddedStoreDisk.watching(url(), Long.MAX_VALUE, Duration.ofHours(1))) {
            roomy.refuseChangesWhileFull();
            assertThat(cramped.full()).isTrue();
            assertThatThrownBy(cramped::refuseChangesWhileFull).isInstanceOf(EmbeddedStoreDisk.DiskFull.class)
                    .hasMessageNotContaining(directory.toString());
        }
    }

    @Test
    void the_watched_directory_is_the_databases_whatever_file_system_prefixes_its_url_has() {
        assertThat(EmbeddedStoreDisk.directoryOf("jdbc:h2:spacewait:async:./data/flagledger;MODE=PostgreSQL"))
                .isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(EmbeddedStoreDisk.directoryOf("jdbc:h2:file:/var/lib/flagledger/store")).isEqualTo(Path.of("/var/lib/flagledger"));
        assertThat(EmbeddedStoreDisk.directoryOf("jdbc:h2:~/fl/db")).isEqualTo(Path.of(System.getProperty("user.home"), "fl"));
        assertThat(SpaceWaitingFiles.wrap("jdbc:h2:async:./data/x;A=B")).isEqualTo("jdbc:h2:spacewait:async:./data/x;A=B");
        assertThat(SpaceWaitingFiles.wrap(SpaceWaitingFiles.wrap("jdbc:h2:./x"))).isEqualTo("jdbc:h2:spacewait:./x");
    }

    private static int count(Connection c) throws SQLException {
        try (ResultSet rows = c.createStatement().executeQuery("select count(*) from t")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}

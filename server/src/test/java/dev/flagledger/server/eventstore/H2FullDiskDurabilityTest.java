package dev.flagledger.server.eventstore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 alone, one session at a time, on a disk that fills: each round commits (acknowledged, WRITE_DELAY=0), then a
 * write fails half-written as on a real full disk, H2 closes the database, and it is opened again. Every
 * acknowledged commit must be there after each reopening. This simple sequence keeps them all; the 60 s
 * DiskFullIT under load once did not (docs/reliability.md "What is left"), so what loses them needs more
 * than this: several sessions, H2's background writer, space reuse inside the file.
 */
class H2FullDiskDurabilityTest {
    @TempDir
    Path directory;

    private String url() {
        return FullDisk.url(directory.resolve("probe"));
    }

    @Test
    void acknowledged_commits_survive_repeated_failed_writes_and_reopenings() throws Exception {
        FullDisk.partialWrites = true;
        try {
            int acknowledged = 0;
            try (Connection c = DriverManager.getConnection(url(), "sa", "")) {
                c.createStatement().execute("create table t(x int primary key, pad varchar(2000))");
            }
            for (int round = 0; round < 30; round++) {
                try (Connection c = DriverManager.getConnection(url(), "sa", "")) {
                    assertThat(count(c)).as("round " + round + ": every acknowledged insert is there").isEqualTo(acknowledged);
                    for (int i = 0; i < 5 + round % 7; i++) {
                        c.createStatement().execute("insert into t values (" + acknowledged + ", repeat('x', 1500))");
                        acknowledged++;
                    }
                    int next = acknowledged;
                    CompletableFuture<Void> failing = new CompletableFuture<>();
                    Thread writer = new Thread(() -> {
                        try {
                            c.createStatement().execute("insert into t values (" + next + ", repeat('y', 1500))");
                            failing.complete(null);
                        } catch (Throwable failed) {
                            failing.completeExceptionally(failed);
                        }
                    });
                    FullDisk.fillUpAt(writer);
                    writer.start();
                    FullDisk.awaitWaitingWrite();
                    FullDisk.failTheWaitingWrite();
                    writer.join();
                    if (!failing.isCompletedExceptionally()) acknowledged++;
                    FullDisk.spaceReturns();
                } catch (SQLException closed) {
                    FullDisk.spaceReturns();
                }
            }
            try (Connection c = DriverManager.getConnection(url(), "sa", "")) {
                assertThat(count(c)).isEqualTo(acknowledged);
            }
        } finally {
            FullDisk.partialWrites = false;
            FullDisk.spaceReturns();
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery("select count(*) from t")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}

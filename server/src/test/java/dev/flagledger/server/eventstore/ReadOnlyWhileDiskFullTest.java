package dev.flagledger.server.eventstore;

import com.zaxxer.hikari.SQLExceptionOverride;
import dev.flagledger.auth.web.Unavailable;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * While the embedded store's disk is full, its connections only read: statements that may write are refused
 * before they reach H2, as {@code UNAVAILABLE}, and the connection stays in the pool.
 */
class ReadOnlyWhileDiskFullTest {
    @TempDir
    Path directory;

    @Test
    void what_may_write() {
        assertThat(ReadOnlyWhileDiskFull.mayWrite("insert into t values (1)")).isTrue();
        assertThat(ReadOnlyWhileDiskFull.mayWrite("  UPDATE token_entry SET owner = ?")).isTrue();
        assertThat(ReadOnlyWhileDiskFull.mayWrite("delete from t")).isTrue();
        assertThat(ReadOnlyWhileDiskFull.mayWrite("merge into t key (x) values (1)")).isTrue();
        assertThat(ReadOnlyWhileDiskFull.mayWrite("create table u(x int)")).isTrue();
        assertThat(ReadOnlyWhileDiskFull.mayWrite("SELECT token FROM token_entry WHERE processor_name = ? FOR UPDATE")).isTrue();
        assertThat(ReadOnlyWhileDiskFull.mayWrite("select nextval('s')")).isTrue();
        assertThat(ReadOnlyWhileDiskFull.mayWrite("select * from t where x = ?")).isFalse();
        assertThat(ReadOnlyWhileDiskFull.mayWrite("/* a comment */ -- another\n (SELECT 1) union (select 2)")).isFalse();
        assertThat(ReadOnlyWhileDiskFull.mayWrite("with a as (select 1) select * from a")).isFalse();
        assertThat(ReadOnlyWhileDiskFull.mayWrite("values (1)")).isFalse();
    }

    @Test
    void while_full_writes_are_refused_as_unavailable_and_reads_go_on() throws Exception {
        AtomicBoolean full = new AtomicBoolean();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + directory.resolve("store") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        ReadOnlyWhileDiskFull store = new ReadOnlyWhileDiskFull(h2, full::get);
        try (Connection c = store.getConnection()) {
            c.createStatement().execute("create table t(x int primary key)");
            c.prepareStatement("insert into t values (1)").executeUpdate();
            full.set(true);
            assertThat(count(c)).isEqualTo(1);
            assertThatThrownBy(() -> c.prepareStatement("insert into t values (2)")).isInstanceOf(ReadOnlyWhileDiskFull.Refused.class)
                    .satisfies(refused -> assertThat(Unavailable.causedBy(refused)).isTrue())
                    .satisfies(refused -> assertThat(new BrokenConnectionEviction().adjudicate((SQLException) refused))
                            .as("the connection is not broken").isEqualTo(SQLExceptionOverride.Override.DO_NOT_EVICT));
            Statement plain = c.createStatement();
            assertThatThrownBy(() -> plain.executeUpdate("update t set x = 3")).isInstanceOf(ReadOnlyWhileDiskFull.Refused.class);
            assertThatThrownBy(() -> plain.execute("select * from t for update")).isInstanceOf(ReadOnlyWhileDiskFull.Refused.class);
            assertThatThrownBy(() -> plain.addBatch("delete from t")).isInstanceOf(ReadOnlyWhileDiskFull.Refused.class);
            assertThat(count(c)).isEqualTo(1);
            full.set(false);
            c.prepareStatement("insert into t values (2)").executeUpdate();
            assertThat(count(c)).isEqualTo(2);
        }
    }

    /**
     * What a 60 s DiskFullIT run found without the gate: one write waiting for space holds H2's store lock, and
     * every other session's commit then waits behind it with its connection, until the pool has none left.
     */
    @Test
    void a_write_waiting_for_space_holds_up_no_later_change_once_the_disk_is_known_full() throws Exception {
        String url = SpaceWaitingFiles.wrap(FullDisk.url(directory.resolve("held")));
        EmbeddedStoreDisk disk = EmbeddedStoreDisk.watching(url, 0, java.time.Duration.ofHours(1));
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        ReadOnlyWhileDiskFull store = new ReadOnlyWhileDiskFull(h2, disk::full);
        Connection waiting = store.getConnection();
        Connection other = store.getConnection();
        try {
            waiting.createStatement().execute("create table t(x int primary key)");
            FullDisk.fillUpAt(Thread.currentThread());
            FullDisk.failTheWaitingWrite();
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
                try {
                    waiting.createStatement().execute("insert into t values (1)");
                } catch (SQLException failed) {
                    throw new IllegalStateException(failed);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!disk.full() && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(disk.full()).isTrue();
            // Without the gate this insert waits behind the first (at its commit) until the space returns.
            CompletableFuture<Throwable> second = CompletableFuture.supplyAsync(() -> {
                try {
                    other.createStatement().execute("insert into t values (2)");
                    return null;
                } catch (Throwable failed) {
                    return failed;
                }
            });
            assertThat(second.get(5, TimeUnit.SECONDS)).as("refused at once, not held behind the waiting write")
                    .isInstanceOf(ReadOnlyWhileDiskFull.Refused.class);
            assertThat(count(other)).as("reads go on (H2 shows a commit before its write)").isBetween(0, 1);
            assertThat(first).isNotDone();
            FullDisk.spaceReturns();
            first.get(30, TimeUnit.SECONDS);
            assertThat(count(other)).isEqualTo(1);
        } finally {
            // Before the connections close: a close waits for the statement running on its session.
            FullDisk.spaceReturns();
            waiting.close();
            other.close();
            disk.close();
        }
    }

    private static int count(Connection c) throws SQLException {
        try (ResultSet rows = c.createStatement().executeQuery("select count(*) from t")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}

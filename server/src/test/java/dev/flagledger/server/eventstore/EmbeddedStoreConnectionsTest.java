package dev.flagledger.server.eventstore;

import org.h2.api.ErrorCode;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded store reopens after H2 closed its database (DiskFullIT is the real test, on a full disk).
 * Here H2's store is made to fail as a failed write makes it ({@code MVStore.panic}, then closed), on a
 * real file.
 */
class EmbeddedStoreConnectionsTest {
    @TempDir
    Path directory;

    private String url() {
        return "jdbc:h2:async:" + directory.resolve("store") + ";MODE=PostgreSQL;WRITE_DELAY=0";
    }

    @Test
    void without_the_gate_a_session_of_the_closed_database_deregisters_the_reopened_one_and_h2_refuses_the_file() throws Exception {
        // The defect the gate exists for, in H2 alone: pinned so that an H2 upgrade that changes it is noticed.
        Connection first = DriverManager.getConnection(url(), "sa", "");
        Connection second = DriverManager.getConnection(url(), "sa", "");
        execute(first, "create table t(x int)");
        closeItsDatabase(first);
        assertThat(failure(first, "insert into t values (1)")).isEqualTo(ErrorCode.DATABASE_IS_CLOSED);
        Connection reopened = DriverManager.getConnection(url(), "sa", "");
        execute(reopened, "insert into t values (2)");
        assertThat(failure(second, "insert into t values (3)")).isEqualTo(ErrorCode.DATABASE_IS_CLOSED);
        assertThatThrownBy(() -> DriverManager.getConnection(url(), "sa", ""))
                .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getErrorCode()).isEqualTo(ErrorCode.DATABASE_ALREADY_OPEN_1));
        reopened.close();
        closeQuietly(second);
        closeQuietly(first);
    }

    @Test
    void after_h2_closed_its_database_no_connection_opens_until_its_connections_are_gone_then_the_file_reopens_cleanly() throws Exception {
        EmbeddedStoreConnections store = new EmbeddedStoreConnections(url(), Duration.ofMinutes(5));
        BrokenConnectionEviction eviction = new BrokenConnectionEviction(store::databaseClosed);
        CountDownLatch reopenedTask = new CountDownLatch(1);
        store.whenReopened(reopenedTask::countDown);
        Connection first = store.getConnection("sa", "");
        Connection second = store.getConnection("sa", "");
        execute(first, "create table t(x int)");
        execute(first, "insert into t values (1)");
        closeItsDatabase(first);

        SQLException closed = failureOf(first, "insert into t values (2)");
        assertThat(eviction.adjudicate(closed)).isEqualTo(com.zaxxer.hikari.SQLExceptionOverride.Override.MUST_EVICT);
        assertThat(store.reopening()).isTrue();
        assertThatThrownBy(() -> store.getConnection("sa", "")).isInstanceOf(SQLTransientConnectionException.class)
                .hasMessageContaining("2 connections of its closed database");
        // What broke recovery: the closed database's other session, used again. Harmless now: nothing is reopened yet.
        assertThat(failure(second, "insert into t values (3)")).isEqualTo(ErrorCode.DATABASE_IS_CLOSED);
        closeQuietly(first);
        assertThatThrownBy(() -> store.getConnection("sa", "")).isInstanceOf(SQLTransientConnectionException.class)
                .hasMessageContaining("1 connections");
        closeQuietly(second);

        assertThat(reopenedTask.getCount()).as("no reopening task before the file reopened").isEqualTo(1);
        Connection reopened = store.getConnection("sa", "");
        assertThat(reopenedTask.await(30, TimeUnit.SECONDS)).as("the reopening task ran (processors retry now)").isTrue();
        Connection another = store.getConnection("sa", "");
        execute(reopened, "insert into t values (4)");
        execute(another, "insert into t values (5)");
        assertThat(store.reopening()).isFalse();
        assertThat(store.lastReopenedAfterMillis()).isGreaterThanOrEqualTo(0);
        try (Statement statement = reopened.createStatement();
             var rows = statement.executeQuery("select count(*) from t")) {
            rows.next();
            assertThat(rows.getInt(1)).as("the committed row and the two after reopening").isEqualTo(3);
        }
        reopened.close();
        another.close();
    }

    @Test
    void connections_of_the_closed_database_still_held_after_the_grace_are_closed_by_the_store() throws Exception {
        AtomicLong now = new AtomicLong(1_000);
        EmbeddedStoreConnections store = new EmbeddedStoreConnections(url(), Duration.ofSeconds(5), now::get);
        Connection held = store.getConnection("sa", "");
        execute(held, "create table t(x int)");
        closeItsDatabase(held);
        store.databaseClosed(failureOf(held, "insert into t values (1)"));

        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThatThrownBy(() -> store.getConnection("sa", "")).isInstanceOf(SQLTransientConnectionException.class);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        try (Connection reopened = store.getConnection("sa", "")) {
            execute(reopened, "insert into t values (2)");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!held.isClosed() && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(held.isClosed()).as("closed by the store, on a thread of its own").isTrue();
        assertThat(store.lastReopenedAfterMillis()).isEqualTo(6_000);
    }

    @Test
    void a_late_failure_of_a_replaced_database_leaves_the_reopened_one_alone() throws Exception {
        EmbeddedStoreConnections store = new EmbeddedStoreConnections(url(), Duration.ofMinutes(5));
        Connection old = store.getConnection("sa", "");
        execute(old, "create table t(x int)");
        closeItsDatabase(old);
        store.databaseClosed(failureOf(old, "insert into t values (1)"));
        closeQuietly(old);
        try (Connection reopened = store.getConnection("sa", "")) {
            store.databaseClosed(new SQLException("The database has been closed", "90098", ErrorCode.DATABASE_IS_CLOSED));
            assertThat(store.reopening()).as("the open database's connections are kept").isFalse();
            execute(reopened, "insert into t values (2)");
        }
    }

    @Test
    void a_connection_the_store_closes_under_a_transaction_can_no_longer_commit_it() throws Exception {
        // 90020: an open instance holds the file, so its connections are closed although its database lives.
        AtomicLong now = new AtomicLong(1_000);
        EmbeddedStoreConnections store = new EmbeddedStoreConnections(url(), Duration.ofSeconds(1), now::get);
        try (Connection setup = store.getConnection("sa", "")) {
            execute(setup, "create table t(x int)");
        }
        Connection processor = store.getConnection("sa", "");
        processor.setAutoCommit(false);
        execute(processor, "insert into t values (1)");
        store.databaseClosed(new SQLException("Database may be already in use", "90020", ErrorCode.DATABASE_ALREADY_OPEN_1));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        try (Connection next = store.getConnection("sa", "")) {
            assertThatThrownBy(processor::commit).isInstanceOf(SQLNonTransientConnectionException.class);
            assertThatThrownBy(() -> execute(processor, "insert into t values (2)")).isInstanceOf(SQLNonTransientConnectionException.class);
            try (Statement statement = next.createStatement(); var rows = statement.executeQuery("select count(*) from t")) {
                rows.next();
                assertThat(rows.getInt(1)).as("nothing of the closed connection's transaction").isZero();
            }
        }
    }

    @Test
    void only_embedded_file_databases_get_the_gate() {
        assertThat(EmbeddedStoreConnections.embeddedFile("jdbc:h2:async:./data/flagledger;MODE=PostgreSQL")).isTrue();
        assertThat(EmbeddedStoreConnections.embeddedFile("jdbc:h2:file:/tmp/x")).isTrue();
        assertThat(EmbeddedStoreConnections.embeddedFile("jdbc:h2:./data/x")).isTrue();
        assertThat(EmbeddedStoreConnections.embeddedFile("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isFalse();
        assertThat(EmbeddedStoreConnections.embeddedFile("jdbc:h2:tcp://localhost/x")).isFalse();
        assertThat(EmbeddedStoreConnections.embeddedFile("jdbc:postgresql://localhost/x")).isFalse();
    }

    /** What a failed write on a full disk does to H2's store: the store panics, and closes itself. */
    private static void closeItsDatabase(Connection connection) throws SQLException {
        MVStore store = ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
        try {
            store.panic(DataUtils.newMVStoreException(DataUtils.ERROR_WRITING_FAILED, "No space left on device (simulated)"));
        } catch (MVStoreException expected) {
            // panic throws what it was given
        }
        store.closeImmediately();
    }

    /** Closing a connection of a closed database reports H2's failure again; the connection is closed all the same. */
    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException reported) {
            // the background failure, thrown once more
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static SQLException failureOf(Connection connection, String sql) {
        try {
            execute(connection, sql);
        } catch (SQLException failed) {
            return failed;
        }
        throw new AssertionError("expected " + sql + " to fail");
    }

    private static int failure(Connection connection, String sql) {
        return failureOf(connection, sql).getErrorCode();
    }
}

package dev.flagledger.server.eventstore;

import com.zaxxer.hikari.HikariPoolMXBean;
import org.h2.api.ErrorCode;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where the pool gets its connections to the embedded H2 file store, so that the store reopens cleanly
 * after H2 closed it (a write failed on a full disk, or any other I/O failure: H2 then closes its
 * database and every later statement answers "The database has been closed").
 * <p>
 * Why a gate: H2 keeps one open database per file name in the JVM, and a session of the closed
 * database, used again, de-registers whatever database is registered under that name (its
 * {@code shutdownImmediately}). Pooled connections of the closed database kept doing that to the database
 * opened after it, so a third one was opened while the second still held the file: "Database may be
 * already in use" (90020) for as long as the pool kept the second's connections (DiskFullIT). So: when
 * the database closed itself ({@link #databaseClosed}), every pooled connection is dropped
 * ({@link HikariPoolMXBean#softEvictConnections()}: idle ones at once, busy ones when returned) and no
 * new connection is opened until every connection opened before is closed; those still open after
 * {@code grace} are condemned (every later call fails, commit included) and closed here. Then the next
 * connection opens the file afresh, and the pool fills again by itself. A failure starts this only when
 * the newest connections' database is really closed, or on 90020 (an open instance holds the file).
 */
public final class EmbeddedStoreConnections implements DataSource {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreConnections.class);
    private static final Duration OPEN_RETRY = Duration.ofSeconds(10);

    private final String url;
    private final Duration grace;
    private final LongSupplier nanoClock;
    private final Set<Tracked> open = ConcurrentHashMap.newKeySet();
    private volatile Supplier<HikariPoolMXBean> pool = () -> null;
    private volatile Runnable whenReopened = () -> {
    };
    private volatile Runnable whenNewDatabase = () -> {
    };
    private final Object recovery = new Object();
    // Guarded by recovery: the connections of the closed database, and since when it is closed (0: open).
    private List<Tracked> ofClosedDatabase = List.of();
    private long closedSince;
    private long reopenedAfterNanos = -1;
    private boolean reopenPending;
    // Guarded by recovery: how many times the file was reopened; the connections opened since carry it.
    private long generation;
    // Guarded by recovery: the database instance the last connection was opened to.
    private WeakReference<Database> lastDatabase = new WeakReference<>(null);
    private boolean sawDatabase;
    private int loginTimeoutSeconds;

    public EmbeddedStoreConnections(String url, Duration grace) {
        this(url, grace, System::nanoTime);
    }

    EmbeddedStoreConnections(String url, Duration grace, LongSupplier nanoClock) {
        this.url = url;
        this.grace = grace;
        this.nanoClock = nanoClock;
    }

    /** Whether {@code jdbcUrl} is an embedded H2 database in a file (not in memory, not a server). */
    public static boolean embeddedFile(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:h2:")) return false;
        String rest = jdbcUrl.substring("jdbc:h2:".length());
        return !(rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:") || rest.startsWith("zip:"));
    }

    /**
     * Whether {@code failure} says the embedded database closed itself or cannot be written (anywhere in the
     * cause chain). Not 90121 (database called at shutdown): that is H2 closing as the JVM exits.
     */
    public static boolean closesTheDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                switch (sql.getErrorCode()) {
                    case ErrorCode.DATABASE_IS_CLOSED, ErrorCode.IO_EXCEPTION_1,
                         ErrorCode.IO_EXCEPTION_2, ErrorCode.FILE_CORRUPTED_1,
                         ErrorCode.DATABASE_ALREADY_OPEN_1 -> {
                        return true;
                    }
                    default -> {
                    }
                }
            }
            // A failed file operation of H2's store (reported as a general error, 50000) closes the store.
            if (cause instanceof MVStoreException store) {
                switch (store.getErrorCode()) {
                    case DataUtils.ERROR_READING_FAILED, DataUtils.ERROR_WRITING_FAILED, DataUtils.ERROR_CLOSED,
                         DataUtils.ERROR_FILE_CORRUPT, DataUtils.ERROR_FILE_LOCKED -> {
                        return true;
                    }
                    default -> {
                    }
                }
            }
        }
        return false;
    }

    /** The pool to empty when the database closed itself (it exists only once the pool started). */
    public void drains(Supplier<HikariPoolMXBean> pool) {
        this.pool = pool;
    }

    /** Runs {@code task} (on a thread of its own) each time the file was opened again after a closure. */
    public void whenReopened(Runnable task) {
        this.whenReopened = task;
    }

    /**
     * Runs {@code task} before a connection to a new instance of the database (any but the first) is handed
     * out, and before any other connection to it. H2 shows a commit to other sessions before its write to the
     * file; if that write fails, the database closes and the commit is gone, but an event stream may have read
     * it. The task makes sure nothing read from the closed instance is committed to the new one
     * ({@link ReopenSafeEventStore}). It runs under this gate's lock: it must be quick and open no connection.
     */
    public void whenNewDatabase(Runnable task) {
        this.whenNewDatabase = task;
    }

    /**
     * H2 closed the database (or a connection could not be opened because an instance of it still holds
     * the file): drop every pooled connection and open none until the ones of the closed database are gone.
     */
    public void databaseClosed(Throwable failure) {
        int connections;
        synchronized (recovery) {
            if (closedSince != 0) return;
            // A late failure of an older, already replaced database (or an I/O failure H2 survived) must not
            // drop the connections of the open one: only when every connection of the newest generation has a
            // closed database. 90020 is the exception: an open instance holds the file and must be closed.
            boolean fileHeld = failure instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1;
            List<Tracked> newest = open.stream().filter(tracked -> tracked.generation == generation && !tracked.closed).toList();
            if (!fileHeld && (newest.isEmpty() || !newest.stream().allMatch(Tracked::databaseDead))) return;
            closedSince = Math.max(1, nanoClock.getAsLong());
            ofClosedDatabase = List.copyOf(open);
            connections = ofClosedDatabase.size();
        }
        log.warn("The embedded store closed its database ({}): dropping all {} connections; it is reopened once they are closed",
                String.valueOf(failure).split("\n")[0], connections);
        HikariPoolMXBean pooled = pool.get();
        if (pooled != null) pooled.softEvictConnections();
    }

    /** Whether the store is waiting for the closed database's connections to go before it reopens. */
    public boolean reopening() {
        synchronized (recovery) {
            return closedSince != 0;
        }
    }

    /** Milliseconds from the last closure until the file was reopened, or -1 if it never was. */
    public long lastReopenedAfterMillis() {
        synchronized (recovery) {
            return reopenedAfterNanos < 0 ? -1 : reopenedAfterNanos / 1_000_000;
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(null, null);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        awaitClosedDatabaseGone();
        Properties credentials = new Properties();
        if (username != null) credentials.setProperty("user", username);
        if (password != null) credentials.setProperty("password", password);
        Connection physical = null;
        long retryUntil = System.nanoTime() + OPEN_RETRY.toNanos();
        while (physical == null) {
            try {
                physical = driver().connect(url, credentials);
            } catch (SQLException failure) {
                // Another instance of the database still holds the file: only closing its connections frees it.
                if (failure.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) databaseClosed(failure);
                // H2 writes when it opens the file, so with the disk still full the open fails. Tried again
                // here every 100 ms rather than after Hikari's backoff (up to 5 s between tries), so the
                // store is back within a tenth of a second of the space (DiskFullIT run 11 waited 5.3 s).
                if (!closesTheDatabase(failure) || failure.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1
                        || System.nanoTime() > retryUntil) throw failure;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
            }
        }
        boolean reopened;
        Tracked tracked;
        synchronized (recovery) {
            tracked = new Tracked(physical, generation);
            Database database = tracked.database();
            Database last = lastDatabase.get();
            if (database != null && database != last) {
                // Also when H2 reopened the file by itself (its closed database already de-registered): any
                // new instance, not only the gate's reopening, may lack commits another session has seen.
                if (sawDatabase) whenNewDatabase.run();
                sawDatabase = true;
                lastDatabase = new WeakReference<>(database);
            }
            open.add(tracked);
            reopened = reopenPending && closedSince == 0;
            reopenPending = false;
        }
        if (reopened) {
            Thread task = new Thread(() -> {
                try {
                    whenReopened.run();
                } catch (RuntimeException failed) {
                    log.warn("After reopening the embedded store", failed);
                }
            }, "embedded-store-reopened");
            task.setDaemon(true);
            task.start();
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class}, tracked);
    }

    /**
     * Refuses at once while connections of the closed database are open; closes those that outlast the grace
     * and opens at once, without waiting for those closes (if one of them later de-registers the reopened
     * database, the next connection fails with 90020 and the recovery runs again).
     */
    private void awaitClosedDatabaseGone() throws SQLException {
        List<Tracked> toClose;
        long closedFor;
        synchronized (recovery) {
            if (closedSince == 0) return;
            closedFor = nanoClock.getAsLong() - closedSince;
            List<Tracked> stillOpen = ofClosedDatabase.stream().filter(tracked -> !tracked.closed).toList();
            ofClosedDatabase = stillOpen;
            if (!stillOpen.isEmpty() && closedFor < grace.toNanos())
                throw new SQLTransientConnectionException("The embedded store is reopening: " + stillOpen.size()
                        + " connections of its closed database are still in use", "08001");
            toClose = stillOpen;
            closedSince = 0;
            ofClosedDatabase = List.of();
            reopenedAfterNanos = closedFor;
            reopenPending = true;
            generation++;
        }
        // On threads of their own: closing waits for the session's current statement, and one stuck in H2
        // held Hikari's only connection-adding thread, so the pool never refilled (DiskFullIT run 5).
        for (Tracked tracked : toClose) {
            // Condemned here, before the caller gets a connection to the new database; only the close itself
            // waits on its own thread. Condemned by that thread instead, a processor could still commit on
            // the old connection after the new database was open (EmbeddedStoreConnectionsTest failed so in a
            // full run: the close thread had not run yet).
            tracked.condemn();
            Thread closing = new Thread(tracked::close, "embedded-store-close");
            closing.setDaemon(true);
            closing.start();
            Thread watching = new Thread(() -> reportIfStuck(closing), "embedded-store-close-watch");
            watching.setDaemon(true);
            watching.start();
        }
        log.info("Reopening the embedded store {} ms after it closed its database{}", closedFor / 1_000_000,
                toClose.isEmpty() ? "" : " (closing " + toClose.size() + " of its connections still in use after " + grace.toMillis() + " ms)");
    }

    /**
     * Where a close of a closed database's connection is blocked, if it takes longer than 10 s: its stack, and
     * the stack of the thread holding the lock it waits for (closing waits for the statement running on the
     * session), so that a statement that never ends on a closed database can be found from the log.
     */
    private static void reportIfStuck(Thread closing) {
        try {
            closing.join(10_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!closing.isAlive()) return;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder report = new StringBuilder();
        ThreadInfo waiting = threads.getThreadInfo(new long[]{closing.getId()}, true, true)[0];
        for (int hops = 0; waiting != null && hops < 4; hops++) {
            report.append(describe(waiting));
            long owner = waiting.getLockOwnerId();
            waiting = owner < 0 ? null : threads.getThreadInfo(new long[]{owner}, true, true)[0];
        }
        log.warn("A connection of the embedded store's closed database is not closed after 10 s:{}", report);
    }

    /** A thread's state, the lock it waits for and its whole stack (ThreadInfo.toString cuts it at 8 frames). */
    private static String describe(ThreadInfo thread) {
        StringBuilder text = new StringBuilder("\n\"").append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
        if (thread.getLockName() != null) text.append(" waiting for ").append(thread.getLockName());
        if (thread.getLockOwnerName() != null) text.append(" held by \"").append(thread.getLockOwnerName()).append('"');
        for (StackTraceElement frame : thread.getStackTrace()) text.append("\n\tat ").append(frame);
        return text.toString();
    }

    /**
     * A connection handed to the pool, closed only once its {@code close()} returned: H2 de-registers a
     * closed database at the end of closing its last session, after the session already reads as closed,
     * so {@code isClosed()} would open the gate too early.
     */
    private final class Tracked implements InvocationHandler {
        private final Connection physical;
        private final long generation;
        private volatile boolean closed;
        private volatile boolean condemned;

        Tracked(Connection physical, long generation) {
            this.physical = physical;
            this.generation = generation;
        }

        /** The H2 database instance behind this connection (null when it cannot be seen). */
        Database database() {
            try {
                return physical.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
                        ? session.getDatabase() : null;
            } catch (SQLException | RuntimeException unknown) {
                return null;
            }
        }

        /** Whether the database behind this connection closed itself (its store is closed, or it is closing). */
        boolean databaseDead() {
            try {
                if (!(physical.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) return true;
                Database database = session.getDatabase();
                return database == null || database.isClosing() || database.getStore().getMvStore().isClosed();
            } catch (SQLException | RuntimeException unknown) {
                return true;
            }
        }

        /**
         * Refuses every later call first, then closes. Closing cancels the statement running on it; were its
         * transaction still usable, the holder (a tracking processor, whose event handler failures Axon logs
         * and skips) could commit the rest of a batch without the cancelled update. Refused, its commit fails
         * and the whole batch is retried.
         */
        /** Every later call fails, commit included; the session itself is closed by {@link #close}. */
        void condemn() {
            condemned = true;
        }

        void close() {
            condemn();
            try {
                physical.close();
            } catch (SQLException | RuntimeException ignored) {
                // Its database is closed: the session is dropped either way.
            } finally {
                closed = true;
                open.remove(this);
            }
        }

        @java.lang.Override
        public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
            return switch (method.getName()) {
                case "equals" -> proxy == arguments[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "close", "abort" -> {
                    try {
                        yield condemned ? null : forward(method, arguments);
                    } finally {
                        closed = true;
                        open.remove(this);
                    }
                }
                case "isClosed" -> condemned || (boolean) forward(method, arguments);
                default -> {
                    if (condemned) throw new SQLNonTransientConnectionException(
                            "The embedded store closed this connection: its database had closed", "08003");
                    yield forward(method, arguments);
                }
            };
        }

        private Object forward(Method method, Object[] arguments) throws Throwable {
            try {
                return method.invoke(physical, arguments);
            } catch (InvocationTargetException failure) {
                throw failure.getCause();
            }
        }
    }

    private Driver driver() throws SQLException {
        return DriverManager.getDriver(url);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) return type.cast(this);
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}

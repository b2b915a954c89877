package dev.flagledger.server.support;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Work done in a transaction on its own thread and kept open, uncommitted, until {@link #commit()}: lets a
 * test overlap two transactions deterministically instead of by timing. {@link #blocksAStatementOn} tells
 * whether another session now waits for it (H2 and PostgreSQL).
 */
public final class HeldTransaction {
    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final CountDownLatch worked = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Void> done;
    private volatile long session;

    private HeldTransaction(JdbcTemplate jdbc, PlatformTransactionManager transactions, Runnable work) {
        this.jdbc = jdbc;
        postgres = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName())
                .toLowerCase().contains("postgres");
        done = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            work.run();
            session = jdbc.queryForObject(postgres ? "select pg_backend_pid()" : "select session_id()", Long.class);
            worked.countDown();
            await(release);
        }), runnable -> new Thread(runnable, "held-transaction").start());
    }

    /** Runs {@code work} in a new transaction and returns once it has run, leaving the transaction open. */
    public static HeldTransaction open(JdbcTemplate jdbc, PlatformTransactionManager transactions, Runnable work) {
        HeldTransaction held = new HeldTransaction(jdbc, transactions, work);
        Eventually.await(() -> held.worked.getCount() == 0 || held.done.isDone(), "the held transaction has done its work");
        if (held.done.isCompletedExceptionally()) held.done.join();
        return held;
    }

    /**
     * Whether another session waits for this transaction in a statement on {@code table} (asked on a connection
     * of its own). PostgreSQL names the blocker. H2 does not for a row (the waiting statement retries until its
     * lock timeout), so there it is another session running a statement on that table: in a test where this
     * transaction holds the rows that statement needs, that session is waiting for it.
     */
    public boolean blocksAStatementOn(String table) {
        String waiting = postgres ? "select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid)) and query like ?"
                : "select count(*) from information_schema.sessions where session_id <> ? and session_state = 'RUNNING'"
                + " and lower(executing_statement) like ?";
        return jdbc.queryForObject(waiting, Long.class, postgres ? (int) session : session, "%" + table + "%") > 0;
    }

    /** Lets the transaction commit and waits until it has. */
    public void commit() throws Exception {
        release.countDown();
        done.get(60, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) throw new AssertionError("the held transaction was never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package dev.flagledger.auth.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure means a dependency is away (the database is stopped or unreachable, its disk is
 * full), not that the request was wrong: such failures are {@code UNAVAILABLE} (GraphQL) or 503
 * (problem+json), so a client retries later instead of reporting a bug. Recognised anywhere in the
 * cause chain, because Axon, Spring and the pool each wrap the driver's exception.
 */
public final class Unavailable {
    private Unavailable() {
    }

    public static boolean causedBy(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause())
            if (is(cause)) return true;
        return false;
    }

    public static boolean is(Throwable cause) {
        if (single(cause)) return true;
        // A JDBC batch reports the statement's failure as its next exception, not as its cause (Axon appends
        // events in a batch: the 60 s DiskFullIT answered INTERNAL for those).
        if (cause instanceof SQLException sql) {
            int depth = 0;
            for (SQLException next = sql.getNextException(); next != null && next != cause && depth++ < 10; next = next.getNextException())
                for (Throwable inner = next; inner != null; inner = inner.getCause() == inner ? null : inner.getCause())
                    if (single(inner)) return true;
        }
        return false;
    }

    private static boolean single(Throwable cause) {
        if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLRecoverableException) return true;
        String type = cause.getClass().getName();
        // Axon gave up waiting for an aggregate's lock (60 s): a command holding it waits for the store (its disk
        // full, its write waiting for space); nothing of this one was written. By name: auth does not depend on Axon.
        if (type.equals("org.axonframework.common.lock.LockAcquisitionFailedException")) return true;
        if (type.equals("org.springframework.transaction.CannotCreateTransactionException")
                || type.equals("org.springframework.dao.DataAccessResourceFailureException")
                || type.equals("org.springframework.jdbc.CannotGetJdbcConnectionException")) return true;
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            // 08: connection exceptions; 57P0x: the server is shutting down or starting; 53100: disk full
            // (PostgreSQL); 90028/90098/90121: H2's I/O failure, closed database, shutdown in progress;
            // 90007 (H2's "object is already closed"): the embedded store closed a connection of its closed
            // database under the request to reopen the file (EmbeddedStoreConnections), as Hikari's
            // "Connection is closed" below.
            if (state.startsWith("08") || state.startsWith("57P0") || state.equals("53100")
                    || state.equals("90028") || state.equals("90098") || state.equals("90121")
                    || state.equals("90007")) return true;
        }
        // The pool's answer for a connection it dropped as broken while a request still held it (Hikari's
        // closed proxy; a plain SQLException without SQLState): the database went away mid-request.
        if (cause.getClass() == SQLException.class && ((SQLException) cause).getSQLState() == null
                && "Connection is closed".equals(cause.getMessage())) return true;
        // H2's store failing to write or read its file (a full disk), also when H2 reports the failure again,
        // without its I/O cause, to a later statement of the same closed database (Axon wraps it as an
        // EventStoreException: the 60 s DiskFullIT answered INTERNAL for those).
        if (cause.getClass().getName().equals("org.h2.mvstore.MVStoreException") && cause.getMessage() != null
                && (cause.getMessage().startsWith("Writing to ") || cause.getMessage().startsWith("Reading from ")
                    || cause.getMessage().startsWith("This store is closed"))) return true;
        return cause instanceof IOException && cause.getMessage() != null
                && cause.getMessage().contains("No space left on device");
    }
}

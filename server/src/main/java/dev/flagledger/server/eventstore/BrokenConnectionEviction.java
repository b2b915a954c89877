package dev.flagledger.server.eventstore;

import com.zaxxer.hikari.SQLExceptionOverride;
import dev.flagledger.auth.web.Unavailable;

import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * Tells the connection pool to drop a connection whose failure means the database went away under it
 * ({@link Unavailable}: H2's closed database or I/O failure, a full disk, PostgreSQL's connection
 * errors), so the next request gets a fresh one. PostgreSQL's connection errors Hikari already drops by
 * itself. On the embedded H2 store dropping the one connection is not enough: the whole database closed
 * itself, so the failure is also handed to {@link EmbeddedStoreConnections#databaseClosed}, which drops
 * every connection of it and reopens the file once they are gone (DiskFullIT).
 * Set as {@code spring.datasource.hikari.exception-override-class-name}; {@link EmbeddedStoreRecovery}
 * replaces it with one that reports to the embedded store's connections.
 */
public class BrokenConnectionEviction implements SQLExceptionOverride {
    private final Consumer<SQLException> databaseClosed;

    public BrokenConnectionEviction() {
        this(failure -> {
        });
    }

    public BrokenConnectionEviction(Consumer<SQLException> databaseClosed) {
        this.databaseClosed = databaseClosed;
    }

    // Hikari's nested type Override hides the annotation inside this class.
    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException failure) {
        // Refused by the store itself while its disk is full: the connection is fine.
        if (failure instanceof ReadOnlyWhileDiskFull.Refused) return SQLExceptionOverride.Override.DO_NOT_EVICT;
        if (EmbeddedStoreConnections.closesTheDatabase(failure)) {
            databaseClosed.accept(failure);
            return SQLExceptionOverride.Override.MUST_EVICT;
        }
        return Unavailable.causedBy(failure) ? SQLExceptionOverride.Override.MUST_EVICT : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}

package dev.flagledger.server.eventstore;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Tells Axon that an append failed because another writer took the same (aggregate, sequence)
 * slot. Axon's own resolver only knows {@code SQLIntegrityConstraintViolationException}, which
 * PostgreSQL's driver never throws; SQLSTATE 23505 is what both H2 and PostgreSQL report.
 */
public class UniqueViolationResolver implements PersistenceExceptionResolver {
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) return true;
            if (cause.getCause() == cause) break;
        }
        return false;
    }
}

package dev.flagledger.eventstore.kurrent;

import io.kurrent.dbclient.WrongExpectedVersionException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * An append that found its stream at another revision than expected lost a race for the same
 * (aggregate, sequence) slot: for Axon that is the duplicate-key case, which it turns into its
 * concurrency exception, exactly as on the JDBC store.
 */
public class KurrentConflictResolver implements PersistenceExceptionResolver {
    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof WrongExpectedVersionException || cause instanceof KurrentEventStorageEngine.SlotTaken)
                return true;
            if (cause.getCause() == cause) break;
        }
        return false;
    }
}

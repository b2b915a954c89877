package dev.flagledger.server.eventstore;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool drops connections of a database that went away, and only those (DiskFullIT is the real test). */
class BrokenConnectionEvictionTest {
    private final BrokenConnectionEviction eviction = new BrokenConnectionEviction();

    @Test
    void a_closed_h2_database_or_a_full_disk_evicts_the_connection() {
        assertThat(eviction.adjudicate(new SQLException("The database has been closed", "90098", 90098))).isEqualTo(Override.MUST_EVICT);
        assertThat(eviction.adjudicate(new SQLException("IO Exception", "90028", 90028))).isEqualTo(Override.MUST_EVICT);
        assertThat(eviction.adjudicate(new SQLException("General error", "HY000", 50000,
                new IOException("No space left on device")))).isEqualTo(Override.MUST_EVICT);
    }

    @Test
    void a_connection_the_pool_dropped_under_a_request_is_unavailable_not_internal() {
        // Hikari's closed proxy: what a request still holding an evicted connection gets next (DiskFullIT saw INTERNAL).
        assertThat(dev.flagledger.auth.web.Unavailable.causedBy(new RuntimeException("Failed to create a SQL statement",
                new SQLException("Connection is closed")))).isTrue();
        assertThat(dev.flagledger.auth.web.Unavailable.causedBy(new SQLException("Connection is closed", "42000"))).isFalse();
        // H2's write failure reported again without its I/O cause, wrapped by Axon (the 60 s DiskFullIT saw INTERNAL).
        assertThat(dev.flagledger.auth.web.Unavailable.causedBy(new RuntimeException("An event for aggregate [a] at sequence [1] was already inserted",
                new SQLException("General error", "HY000", 50000, org.h2.mvstore.DataUtils.newMVStoreException(
                        org.h2.mvstore.DataUtils.ERROR_WRITING_FAILED, "Writing to {0} failed; length {1} at {2}", "async:x.mv.db", 4096, 0))))).isTrue();
        // The same inside a JDBC batch: the statement's failure is the batch exception's next exception.
        java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException("General error", "HY000", 50000, new int[0]);
        batch.setNextException(new SQLException("General error", "HY000", 50000, org.h2.mvstore.DataUtils.newMVStoreException(
                org.h2.mvstore.DataUtils.ERROR_CLOSED, "This store is closed")));
        assertThat(dev.flagledger.auth.web.Unavailable.causedBy(new RuntimeException("An event ... was already inserted", batch))).isTrue();
        // H2's answer on a connection the embedded store closed under the request, to reopen the file (DiskFullIT saw INTERNAL).
        assertThat(dev.flagledger.auth.web.Unavailable.causedBy(new RuntimeException("PreparedStatementCallback",
                new SQLException("The object is already closed", "90007", 90007)))).isTrue();
    }

    @Test
    void an_ordinary_failure_leaves_the_decision_to_the_pool() {
        assertThat(eviction.adjudicate(new SQLException("duplicate key", "23505", 23505))).isEqualTo(Override.CONTINUE_EVICT);
        assertThat(eviction.adjudicate(new SQLException("syntax error", "42000", 42000))).isEqualTo(Override.CONTINUE_EVICT);
    }
}

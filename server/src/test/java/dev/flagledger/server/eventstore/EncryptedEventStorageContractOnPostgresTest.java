package dev.flagledger.server.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import dev.flagledger.eventstore.contract.EventStorageContract;
import dev.flagledger.server.support.JdbcStores;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;

/** The whole storage contract on the JDBC engine over PostgreSQL with encryption at rest on (docs/privacy.md). */
class EncryptedEventStorageContractOnPostgresTest extends EventStorageContract {
    private static final HikariDataSource STORE = JdbcStores.postgres();
    private static final Serializer SERIALIZER = JdbcStores.serializer(TestKeyrings.AFTER_ROTATION);
    private static final EventStorageEngine ENGINE = JdbcStores.engine(STORE, SERIALIZER, TestKeyrings.AFTER_ROTATION);

    @AfterAll
    static void close() {
        STORE.close();
    }

    @Override
    protected EventStorageEngine storage() {
        return ENGINE;
    }

    @Override
    protected Serializer eventSerializer() {
        return SERIALIZER;
    }
}

package dev.flagledger.server.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import dev.flagledger.eventstore.contract.EventStorageContract;
import dev.flagledger.server.support.JdbcStores;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.util.function.Supplier;

/**
 * The whole storage contract on the JDBC engine as the server builds it, with encryption at rest on
 * (docs/privacy.md); subclasses choose the database. One store and engine per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EncryptedJdbcStorageContract extends EventStorageContract {
    private final HikariDataSource store;
    private final Serializer serializer = JdbcStores.serializer(TestKeyrings.AFTER_ROTATION);
    private final EventStorageEngine engine;

    EncryptedJdbcStorageContract(Supplier<HikariDataSource> newStore) {
        store = newStore.get();
        engine = JdbcStores.engine(store, serializer, TestKeyrings.AFTER_ROTATION);
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Override
    protected EventStorageEngine storage() {
        return engine;
    }

    @Override
    protected Serializer eventSerializer() {
        return serializer;
    }
}

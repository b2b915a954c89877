package dev.flagledger.server.eventstore;

import dev.flagledger.eventstore.contract.EventStorageContract;
import dev.flagledger.eventstore.kurrent.InMemoryKurrentStreams;
import dev.flagledger.eventstore.kurrent.StreamNames;
import dev.flagledger.server.support.JdbcStores;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * The storage contract on the KurrentDB engine with encryption at rest: the same serializer layer, so
 * sealed payloads become binary records and sealed metadata travels in the reserved member.
 */
class EncryptedEventStorageContractOnKurrentFakeTest extends EventStorageContract {
    private static final Serializer SERIALIZER = JdbcStores.serializer(TestKeyrings.AFTER_ROTATION);
    private final EventStorageEngine storage = KurrentEventStoreConfiguration.engine(new InMemoryKurrentStreams(),
            StreamNames.DEFAULT, SERIALIZER, EventStoreConfiguration.snapshotSerializer(TestKeyrings.AFTER_ROTATION),
            new EventStoreConfiguration().eventUpcasters());

    @Override
    protected EventStorageEngine storage() {
        return storage;
    }

    @Override
    protected Serializer eventSerializer() {
        return SERIALIZER;
    }
}

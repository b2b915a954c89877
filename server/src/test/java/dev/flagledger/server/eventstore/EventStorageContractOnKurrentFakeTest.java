package dev.flagledger.server.eventstore;

import dev.flagledger.eventstore.contract.EventStorageContract;
import dev.flagledger.eventstore.kurrent.InMemoryKurrentStreams;
import dev.flagledger.eventstore.kurrent.StreamNames;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * The contract on the KurrentDB engine as the server configures it, over an in-memory log (no server
 * can run on our machines). {@link EventStorageContractOnKurrentTest} runs the same against a real one.
 */
class EventStorageContractOnKurrentFakeTest extends EventStorageContract {
    private final EventStorageEngine storage = KurrentEngines.over(new InMemoryKurrentStreams(), StreamNames.DEFAULT);

    @Override
    protected EventStorageEngine storage() {
        return storage;
    }

    @Override
    protected Serializer eventSerializer() {
        return KurrentEngines.SERIALIZER;
    }
}

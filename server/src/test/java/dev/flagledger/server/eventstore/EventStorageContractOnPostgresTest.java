package dev.flagledger.server.eventstore;

import dev.flagledger.eventstore.contract.EventStorageContract;
import dev.flagledger.server.support.OnPostgres;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

@OnPostgres
class EventStorageContractOnPostgresTest extends EventStorageContract {
    @Autowired
    private EventStorageEngine storage;
    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;

    @Override
    protected EventStorageEngine storage() {
        return storage;
    }

    @Override
    protected Serializer eventSerializer() {
        return eventSerializer;
    }
}

package dev.flagledger.server.eventstore;

import dev.flagledger.eventstore.contract.EventStorageContract;
import dev.flagledger.server.support.OnH2;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

@OnH2
class EventStorageContractOnH2Test extends EventStorageContract {
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

package dev.flagledger.server.eventstore;

import dev.flagledger.eventstore.contract.EventStorageContract;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** The storage contract against the server's own engine bean; subclasses only choose the store. */
abstract class SpringEventStorageContract extends EventStorageContract {
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

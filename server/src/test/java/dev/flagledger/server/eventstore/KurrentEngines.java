package dev.flagledger.server.eventstore;

import dev.flagledger.eventstore.kurrent.KurrentEventStorageEngine;
import dev.flagledger.eventstore.kurrent.KurrentStreams;
import dev.flagledger.eventstore.kurrent.StreamNames;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/** The KurrentDB engine exactly as {@link KurrentEventStoreConfiguration} builds it, over any streams port. */
final class KurrentEngines {
    static final Serializer SERIALIZER = JacksonSerializer.builder().objectMapper(EventStoreConfiguration.eventMapper()).build();

    private KurrentEngines() {
    }

    static KurrentEventStorageEngine over(KurrentStreams streams, StreamNames names) {
        return KurrentEventStoreConfiguration.engine(streams, names, SERIALIZER, SERIALIZER,
                new EventStoreConfiguration().eventUpcasters());
    }
}

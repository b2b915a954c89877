package dev.flagledger.server.eventstore;

import dev.flagledger.eventstore.contract.EventStorageContract;
import dev.flagledger.eventstore.kurrent.KurrentClientStreams;
import dev.flagledger.eventstore.kurrent.StreamNames;
import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.KurrentDBConnectionString;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.util.UUID;

/**
 * The contract against a real KurrentDB, when {@code FLAGLEDGER_KURRENTDB_URL} names one (for example
 * {@code kurrentdb://localhost:2113?tls=false}, the single-node compose stack). Each run writes under
 * its own stream prefix, so it can run against a store that already holds data.
 */
@EnabledIfEnvironmentVariable(named = "FLAGLEDGER_KURRENTDB_URL", matches = ".+")
class EventStorageContractOnKurrentTest extends EventStorageContract {
    private static KurrentDBClient client;
    private static EventStorageEngine storage;

    @BeforeAll
    static void connect() {
        client = KurrentDBClient.create(KurrentDBConnectionString.parseOrThrow(System.getenv("FLAGLEDGER_KURRENTDB_URL")));
        StreamNames names = new StreamNames("contract" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        storage = KurrentEngines.over(new KurrentClientStreams(client), names);
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (client != null) client.shutdown().get();
    }

    @Override
    protected EventStorageEngine storage() {
        return storage;
    }

    @Override
    protected Serializer eventSerializer() {
        return KurrentEngines.SERIALIZER;
    }
}

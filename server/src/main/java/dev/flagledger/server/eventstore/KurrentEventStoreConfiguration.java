package dev.flagledger.server.eventstore;

import dev.flagledger.eventstore.kurrent.KurrentClientStreams;
import dev.flagledger.eventstore.kurrent.KurrentEventStorageEngine;
import dev.flagledger.eventstore.kurrent.KurrentStreams;
import dev.flagledger.eventstore.kurrent.StreamNames;
import dev.flagledger.privacy.keys.Keyring;
import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.KurrentDBConnectionString;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Events in KurrentDB instead of the JDBC store: {@code flagledger.event-store=kurrent} (the
 * {@code kurrent} profile sets it) with {@code FLAGLEDGER_KURRENTDB_URL}. Read models, tracking tokens
 * and the key registry stay in the JDBC database (docs/deploy.md, docs/decisions/0006).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "flagledger.event-store", havingValue = "kurrent")
public class KurrentEventStoreConfiguration {

    @Bean(destroyMethod = "shutdown")
    KurrentDBClient kurrentClient(@Value("${flagledger.kurrentdb.url}") String url) {
        return KurrentDBClient.create(KurrentDBConnectionString.parseOrThrow(url));
    }

    @Bean
    KurrentStreams kurrentStreams(KurrentDBClient client) {
        return new KurrentClientStreams(client);
    }

    @Bean
    EventStorageEngine eventStorageEngine(KurrentStreams streams, @Qualifier("eventSerializer") Serializer eventSerializer,
                                          EventUpcasterChain eventUpcasters, Keyring keyring,
                                          @Value("${flagledger.kurrentdb.stream-prefix:flagledger}") String prefix) {
        return engine(streams, new StreamNames(prefix), eventSerializer, EventStoreConfiguration.snapshotSerializer(keyring),
                eventUpcasters);
    }

    public static KurrentEventStorageEngine engine(KurrentStreams streams, StreamNames names, Serializer eventSerializer,
                                            Serializer snapshotSerializer, EventUpcaster upcasters) {
        return KurrentEventStorageEngine.builder()
                .streams(streams)
                .streamNames(names)
                .eventTypePrefix("dev.flagledger.")
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .snapshotFilter(EventStoreConfiguration.flagSnapshotFilter())
                .upcasterChain(upcasters)
                .build();
    }
}

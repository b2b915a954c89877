package dev.flagledger.server.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.flagledger.domain.approval.ChangeRequest;
import dev.flagledger.domain.experiment.Experiment;
import dev.flagledger.domain.experiment.Metric;
import dev.flagledger.domain.flag.Flag;
import dev.flagledger.domain.privacy.DataSubjectErasure;
import dev.flagledger.domain.webhook.WebhookSubscription;
import dev.flagledger.domain.project.Project;
import dev.flagledger.domain.segment.Segment;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.server.token.ApiToken;
import dev.flagledger.privacy.atrest.EncryptingSerializer;
import dev.flagledger.privacy.keys.Keyring;
import dev.flagledger.sdk.keys.SdkKey;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.config.annotation.SpringBeanParameterResolverFactory;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * Axon on our own JDBC store. Axon's JDBC auto-configuration does not engage under Boot 4
 * (CONVENTIONS §7), so the engine, token store and serializer are declared here; the schema itself
 * comes from Flyway.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {
    /** The aggregate type Axon stores with the Flag's events and snapshots. */
    static final String FLAG_TYPE = "Flag";

    /** Jackson 2 for Axon (Boot 4 ships Jackson 3); big decimals keep number variations exact. */
    public static ObjectMapper eventMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    @Bean
    @Primary
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(eventMapper()).build();
    }

    /**
     * Event payloads and metadata as every engine stores them: JSON, sealed under the encryption-at-rest
     * keyring's current key when one is configured (docs/privacy.md); older or plain rows stay readable.
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Keyring keyring) {
        return eventSerializer(keyring, eventMapper());
    }

    public static Serializer eventSerializer(Keyring keyring, ObjectMapper mapper) {
        return new EncryptingSerializer(JacksonSerializer.builder().objectMapper(mapper).build(), keyring);
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(eventMapper()).build();
    }

    /**
     * Commands, key claims, event appends, projection updates and their tokens share one database
     * transaction. Declared explicitly: under Boot 4 Axon's auto-configuration may not see the
     * PlatformTransactionManager in time and would fall back to no transactions at all.
     */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new SpringTransactionManager(transactions);
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolationResolver();
    }

    /**
     * Flag snapshots are the aggregate object itself, which has private fields and no getters: this
     * serializer reads and writes fields only. Snapshots hold what the events held, so they are sealed
     * at rest like them.
     */
    public static Serializer snapshotSerializer(Keyring keyring) {
        ObjectMapper mapper = eventMapper()
                .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return eventSerializer(keyring, mapper);
    }

    /**
     * A snapshot of an older Flag shape is skipped: the flag is replayed from its events (which the
     * upcasters bring to the current shape) and snapshotted again.
     */
    public static SnapshotFilter flagSnapshotFilter() {
        return RevisionSnapshotFilter.builder().type(FLAG_TYPE).revision(Flag.SNAPSHOT_REVISION).build();
    }

    /** Every engine reads old event shapes through the same upcasters. */
    @Bean
    public EventUpcasterChain eventUpcasters() {
        return new EventUpcasterChain(new ProjectCreatedUpcaster());
    }

    /** The default engine; {@code flagledger.event-store=kurrent} swaps in {@link KurrentEventStoreConfiguration}'s. */
    @Bean
    @ConditionalOnProperty(name = "flagledger.event-store", havingValue = "jdbc", matchIfMissing = true)
    EventStorageEngine eventStorageEngine(DataSource dataSource, TransactionManager transactionManager,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver exceptions,
                                          EventUpcasterChain eventUpcasters, Keyring keyring) {
        return jdbcEngine(dataSource, transactionManager, eventSerializer, snapshotSerializer(keyring), exceptions,
                eventUpcasters);
    }

    /** The JDBC engine as the server builds it, for any serializers (tests build one per keyring). */
    public static JdbcEventStorageEngine jdbcEngine(DataSource dataSource, TransactionManager transactionManager,
                                                    Serializer eventSerializer, Serializer snapshotSerializer,
                                                    PersistenceExceptionResolver exceptions,
                                                    EventUpcasterChain eventUpcasters) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(transactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .snapshotFilter(flagSnapshotFilter())
                .persistenceExceptionResolver(exceptions)
                .upcasterChain(eventUpcasters)
                .build();
    }

    /**
     * Declared here because Axon's auto-configuration finds no engine under Boot 4's ordering. Its streams
     * belong to one instance of the database (the embedded H2 file can close and reopen, EmbeddedStoreRecovery).
     */
    @Bean
    ReopenSafeEventStore eventStore(EventStorageEngine eventStorageEngine, @Value("${spring.datasource.url:}") String jdbcUrl,
                                    @Value("${flagledger.event-store:jdbc}") String engine) {
        // Only the embedded H2 file is ever opened anew, so only there are deliveries remembered (InMemoryReadModels).
        return new ReopenSafeEventStore(eventStorageEngine, engine.equals("jdbc") && EmbeddedStoreConnections.embeddedFile(jdbcUrl));
    }

    @Bean
    TokenStore tokenStore(DataSource dataSource, Serializer serializer, ReopenSafeEventStore eventStore) {
        return eventStore.tokenStore(JdbcTokenStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .serializer(serializer));
    }

    /**
     * A failed event handler fails its whole batch, which the processor retries (1 s, 2 s … up to 60 s apart)
     * without moving its token, so a read model never skips an event. Axon's default logs the failure and
     * goes on: an audit trail or flag state without that event, silently (docs/reliability.md). The price: an
     * event no handler can ever take stops its read model until the handler is fixed (its status says so).
     */
    @Bean
    ConfigurerModule handlerFailuresRetried() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerDefaultListenerInvocationErrorHandler(axon -> PropagatingErrorHandler.instance()));
    }

    /** Every event inherits who, why, from where and in which request from the command that caused it. */
    @Bean
    CorrelationDataProvider changeMetadataProvider() {
        return new SimpleCorrelationDataProvider(ChangeMetadata.ACTOR_SUBJECT, ChangeMetadata.ACTOR_NAME,
                ChangeMetadata.ACTOR_EMAIL, ChangeMetadata.ACTOR_AUTHENTICATION, ChangeMetadata.ACTOR_IDENTITY_PROVIDER,
                ChangeMetadata.ACTOR_ON_BEHALF_OF_SUBJECT, ChangeMetadata.ACTOR_ON_BEHALF_OF_NAME,
                ChangeMetadata.REASON, ChangeMetadata.ORIGIN, ChangeMetadata.CORRELATION_ID,
                ChangeMetadata.VCS_COMMIT, ChangeMetadata.TICKET, ChangeMetadata.CHANGE_REQUEST_ID,
                ChangeMetadata.APPROVED_BY, ChangeMetadata.BREAK_GLASS, ChangeMetadata.APPLIED_BY_SUBJECT);
    }

    /**
     * The aggregates live in domain/ and sdk-api/, which know no Spring stereotypes; register them here.
     * Without a cache every command replays its aggregate's whole stream. The cache is only safe where
     * this process is the store's one writer: the embedded H2 file, which H2 locks to one process.
     * Several servers on one PostgreSQL would each hold stale copies, so there every command replays.
     */
    @Bean
    @Qualifier("aggregateCache")
    Cache aggregateCache(@Value("${spring.datasource.url}") String jdbcUrl,
                         @Value("${flagledger.event-store:jdbc}") String engine) {
        boolean singleWriter = engine.equals("jdbc")
                && (jdbcUrl.startsWith("jdbc:h2:file:") || jdbcUrl.startsWith("jdbc:h2:async:")
                    || jdbcUrl.startsWith("jdbc:h2:mem:"));
        return singleWriter ? new WeakReferenceCache() : NoCache.INSTANCE;
    }

    @Bean
    ConfigurerModule aggregates(@Qualifier("aggregateCache") Cache cache,
                                @Value("${flagledger.flag-snapshot-threshold:100}") int flagSnapshotThreshold,
                                ApplicationContext spring) {
        // Flags are the aggregates with long histories (every toggle is an event). Without a snapshot
        // a command on PostgreSQL replays the whole stream; with one, at most the threshold's events.
        return configurer -> configurer
                .configureAggregate(cached(Project.class, cache))
                .configureAggregate(cached(Flag.class, cache).configureSnapshotTrigger(axon ->
                        new EventCountSnapshotTriggerDefinition(flagSnapshotter(axon, spring), flagSnapshotThreshold)))
                .configureAggregate(cached(Segment.class, cache))
                .configureAggregate(cached(ChangeRequest.class, cache))
                .configureAggregate(cached(Metric.class, cache))
                .configureAggregate(cached(Experiment.class, cache))
                .configureAggregate(cached(SdkKey.class, cache))
                .configureAggregate(cached(ApiToken.class, cache))
                .configureAggregate(cached(DataSubjectErasure.class, cache))
                .configureAggregate(cached(WebhookSubscription.class, cache));
    }

    /**
     * Axon's Spring snapshotter only knows aggregates declared as Spring beans; ours are registered
     * above, so the Flag gets its own, with the repository's factory. Inspecting the aggregate needs
     * its command handlers' Spring-bean parameters (catalogs) resolvable. It runs in the command's
     * thread after the commit.
     */
    private static Snapshotter flagSnapshotter(org.axonframework.config.Configuration axon, ApplicationContext spring) {
        return AggregateSnapshotter.builder()
                .eventStore(axon.eventStore())
                .aggregateFactories(axon.aggregateFactory(Flag.class))
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(axon.parameterResolverFactory(),
                        new SpringBeanParameterResolverFactory(spring)))
                .handlerDefinition(axon.handlerDefinition(Flag.class))
                .transactionManager(axon.getComponent(TransactionManager.class))
                .build();
    }

    private static <T> AggregateConfigurer<T> cached(Class<T> aggregate, Cache cache) {
        return AggregateConfigurer.defaultConfiguration(aggregate).configureCache(configuration -> cache);
    }
}

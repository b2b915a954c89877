package dev.flagledger.server.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.privacy.keys.KeyringConfig;
import dev.flagledger.privacy.subject.PersonalData;
import dev.flagledger.privacy.subject.SubjectVault;
import dev.flagledger.projections.snapshot.ConfigChange;
import dev.flagledger.projections.snapshot.EnvironmentSnapshot;
import dev.flagledger.projections.snapshot.EvaluationSnapshotProjection;
import dev.flagledger.projections.snapshot.EvaluationSnapshots;
import dev.flagledger.server.support.FlagHistory;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's evaluation snapshot, after it applied an event the store lost with a closed database: rebuilt
 * aside from the store and swapped in, evaluation answers what the store holds, streams get the correction,
 * and at no moment is the environment's snapshot missing.
 */
class InMemoryReadModelsTest {
    private final HikariDataSource pool = new HikariDataSource();
    private final EvaluationSnapshots snapshots = new EvaluationSnapshots();
    private TrackingEventProcessor processor;

    @AfterEach
    void stop() {
        if (processor != null) processor.shutDown();
        snapshots.close();
        pool.close();
    }

    @Test
    void a_toggle_the_store_lost_is_taken_out_of_evaluation_and_streams_are_told() throws Exception {
        pool.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        pool.setUsername("sa");
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        jdbc.execute("create table subject_key (key_id varchar(32) primary key, lookup varchar(64) not null unique,"
                + " subject_kind varchar(10) not null, key_material bytea not null, created_at timestamp with time zone not null)");
        SpringTransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(pool));
        Serializer serializer = JacksonSerializer.defaultSerializer();
        JdbcEventStorageEngine engine = EventStoreConfiguration.jdbcEngine(pool, transactions, serializer, serializer,
                new UniqueViolationResolver(), new EventUpcasterChain());
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        PersonalData personal = new PersonalData(new SubjectVault(jdbc, new DataSourceTransactionManager(pool),
                KeyringConfig.load("k1=" + Base64.getEncoder().encodeToString(new byte[32]), null, null), Clock.systemUTC()));
        EvaluationSnapshotProjection live = new EvaluationSnapshotProjection(snapshots, personal);
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        processor = TrackingEventProcessor.builder().name("evaluation-snapshot")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(live).build())
                .messageSource(store).tokenStore(tokens).transactionManager(transactions)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andEventAvailabilityTimeout(200, TimeUnit.MILLISECONDS))
                .build();
        processor.start();

        FlagHistory flag = new FlagHistory("flag-1", "shop", "checkout");
        Instant now = Instant.now();
        store.publish(FlagHistory.projectCreated("shop", now), flag.created(now));
        await(() -> snapshot("staging").position() >= 2);
        assertThat(variant("staging")).isEqualTo("off");

        // The lost event: the toggle the closed instance showed, which the live projection applied, but no store holds.
        DomainEventMessage<?> toggle = flag.changes(1, 1, n -> now).get(0);
        new AnnotationEventHandlerAdapter(live).handle(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(3), toggle));
        assertThat(variant("staging")).as("the live snapshot applied the lost toggle").isEqualTo("on");
        List<ConfigChange> streamed = new CopyOnWriteArrayList<>();
        snapshots.subscribe(streamed::add);
        AtomicBoolean wentMissing = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted())
                if (snapshots.current("shop", "staging").isEmpty()) wentMissing.set(true);
        });
        watcher.start();

        InMemoryReadModels models = new InMemoryReadModels(pool, engine, List.of(new InMemoryReadModels.Model(
                () -> processor, () -> tokens, InMemoryReadModels.snapshotSwap(live, personal))));
        List<String> missing = models.repairIfLost(List.of(toggle.getIdentifier(),
                engine.readEvents(null, false).findFirst().orElseThrow().getIdentifier()));
        watcher.interrupt();
        watcher.join();

        assertThat(missing).containsExactly(toggle.getIdentifier());
        assertThat(variant("staging")).as("evaluation answers what the store holds").isEqualTo("off");
        assertThat(streamed).as("streams are told, at the processor's position")
                .anySatisfy(change -> assertThat(change).extracting(ConfigChange::environment, ConfigChange::key, ConfigChange::position)
                        .containsExactly("staging", "checkout", snapshot("staging").position()));
        assertThat(wentMissing).as("the environment's snapshot never went missing").isFalse();
        // The processor goes on: the toggle made for real now reaches evaluation.
        store.publish(new FlagHistory("flag-1", "shop", "checkout").changes(1, 1, n -> now));
        await(() -> "on".equals(variant("staging")));
    }

    private EnvironmentSnapshot snapshot(String environment) {
        return snapshots.current("shop", environment).orElseThrow(() -> new AssertionError("no snapshot of " + environment));
    }

    private String variant(String environment) {
        return snapshot(environment).config().evaluate("checkout", EvaluationContext.view(Map.of("targetingKey", "u"))).variant();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (AssertionError notYet) {
                // no snapshot yet
            }
            if (System.nanoTime() > deadline) throw new AssertionError("not within 30 s");
            Thread.sleep(20);
        }
    }
}

package dev.flagledger.server.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What DiskFullIT's 60 s variant found (a read model with a flag whose creation is in no store), made
 * deterministic on a real H2 file whose disk {@link FullDisk} fills: H2 shows a commit to other sessions
 * before its write to the file, loses it when the write fails, and Axon's event stream had read it.
 */
class ReopenSafeEventStoreTest {
    @TempDir
    Path directory;
    private HikariDataSource pool;
    private TrackingEventProcessor processor;

    @BeforeAll
    static void fileSystem() {
        FullDisk.install();
    }

    @AfterEach
    void stop() {
        FullDisk.spaceReturns();
        if (processor != null) processor.shutDown();
        if (pool != null) pool.close();
    }

    private String url(String name) {
        return "jdbc:h2:" + FullDisk.SCHEME + ":async:" + directory.resolve(name)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    @Test
    void h2_shows_a_commit_to_other_sessions_before_its_write_and_loses_it_when_the_write_fails() throws Exception {
        Connection writer = DriverManager.getConnection(url("plain"), "sa", "");
        Connection reader = DriverManager.getConnection(url("plain"), "sa", "");
        writer.createStatement().execute("create table t(x int)");
        writer.setAutoCommit(false);
        writer.createStatement().execute("insert into t values (1)");
        CompletableFuture<Void> commit = inThreadOfItsOwn(() -> {
            try {
                writer.commit();
            } catch (SQLException failed) {
                throw new IllegalStateException(failed);
            }
        });
        FullDisk.awaitWaitingWrite();
        assertThat(count(reader)).as("another session sees the commit before its write").isEqualTo(1);

        FullDisk.failTheWaitingWrite();
        assertThatThrownBy(commit::join).hasRootCauseInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> count(reader)).isInstanceOfSatisfying(SQLException.class,
                closed -> assertThat(closed.getErrorCode()).isEqualTo(ErrorCode.DATABASE_IS_CLOSED));
        closeQuietly(reader);
        closeQuietly(writer);
        FullDisk.spaceReturns();
        try (Connection reopened = DriverManager.getConnection(url("plain"), "sa", "")) {
            assertThat(count(reopened)).as("the commit it showed is gone").isZero();
        }
    }

    @Test
    void an_event_read_before_the_database_closed_and_lost_with_it_never_reaches_a_read_model() throws Exception {
        Store opened = store("store");
        ReopenSafeEventStore store = opened.events();
        JdbcEventStorageEngine engine = opened.engine();
        JdbcTemplate jdbc = opened.jdbc();
        SpringTransactionManager transactions = opened.transactions();
        Serializer serializer = opened.serializer();
        jdbc.execute("create table seen(payload varchar(20) primary key)");
        JdbcTokenStore tokens = store.tokenStore(JdbcTokenStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(pool)).serializer(serializer));
        tokens.createSchema(PostgresTokenTableFactory.INSTANCE);
        CountDownLatch lostEventHandled = new CountDownLatch(1);
        processor = TrackingEventProcessor.builder().name("seen")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new Seen(jdbc, lostEventHandled)).build())
                .messageSource(store)
                .tokenStore(tokens)
                .transactionManager(transactions)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        // It writes (extends its claim) after waiting this long for an event: not while the
                        // test holds the full disk's write, which would hold it too, before it reads the event.
                        .andEventAvailabilityTimeout(20, TimeUnit.SECONDS).andWorkerTerminationTimeout(100, TimeUnit.MILLISECONDS))
                .build();
        processor.start();
        // Caught up first, so the processor follows the store's shared cache of recent events, as the server's do.
        store.publish(GenericEventMessage.asEventMessage("first"));
        await(() -> seen(jdbc).contains("first"));
        store.publish(GenericEventMessage.asEventMessage("durable"));
        await(() -> seen(jdbc).contains("durable"));

        loseAnAppendAfterItWasRead(store, lostEventHandled);

        awaitAppended(store, "after");
        await(() -> seen(jdbc).contains("after"));
        assertThat(stored(engine)).containsExactly("first", "durable", "after");
        assertThat(seen(jdbc)).as("the read model holds exactly the stored events").containsExactlyInAnyOrder("first", "durable", "after");
    }

    @Test
    void an_append_that_would_not_continue_its_stream_in_the_reopened_database_is_refused_as_unavailable() throws Exception {
        Store opened = store("streams");
        ReopenSafeEventStore store = opened.events();
        store.publish(change(0, "created"));
        CompletableFuture<Void> append = inThreadOfItsOwn(() -> store.publish(change(1, "lost")));
        FullDisk.awaitWaitingWrite();
        FullDisk.failTheWaitingWrite();
        assertThatThrownBy(append::join).as("the append was not acknowledged").isNotNull();
        FullDisk.spaceReturns();
        awaitAppended(store, "reopened");

        // What an aggregate read (or cached) before the closure would append next: it would leave a gap.
        assertThatThrownBy(() -> store.publish(change(2, "after the lost one")))
                .isInstanceOf(ReopenSafeEventStore.StreamGap.class)
                .satisfies(refused -> assertThat(dev.flagledger.auth.web.Unavailable.causedBy(refused)).as("answered UNAVAILABLE").isTrue());
        store.publish(change(1, "read afresh"));
        assertThat(stored(opened.engine())).containsExactly("created", "reopened", "read afresh");
        assertThat(opened.engine().readEvents("thing-1").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L);
    }

    @Test
    void a_read_model_kept_in_memory_that_applied_a_lost_event_is_rebuilt_aside_and_swapped() throws Exception {
        Store opened = store("memory");
        ReopenSafeEventStore store = opened.events();
        CountDownLatch lostEventHandled = new CountDownLatch(1);
        Remembered live = new Remembered(lostEventHandled);
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        processor = TrackingEventProcessor.builder().name("remembered")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(live).build())
                .messageSource(store)
                .tokenStore(tokens)
                .transactionManager(opened.transactions())
                // Its tokens are in memory: no write of its own can meet the full disk, so it may poll briskly.
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andEventAvailabilityTimeout(200, TimeUnit.MILLISECONDS).andWorkerTerminationTimeout(100, TimeUnit.MILLISECONDS))
                .build();
        processor.start();
        store.publish(GenericEventMessage.asEventMessage("first"));
        await(() -> live.payloads().contains("first"));
        loseAnAppendAfterItWasRead(store, lostEventHandled);
        awaitAppended(store, "after");
        await(() -> live.payloads().contains("after"));
        assertThat(live.payloads()).as("an in-memory model has no commit to refuse: it holds the lost event").contains("lost");

        InMemoryReadModels models = new InMemoryReadModels(pool, opened.engine(), List.of(new InMemoryReadModels.Model(
                () -> processor, () -> tokens, (replay, position) -> live.adopt(replay.into(new Remembered(new CountDownLatch(1)))))));
        List<String> delivered = store.deliveredByReplacedInstance();
        List<String> missing = models.repairIfLost(delivered);
        assertThat(missing).as("the lost event found missing").hasSize(1);
        assertThat(live.payloads()).as("the model holds exactly the stored events").containsExactlyInAnyOrder("first", "after");
        store.publish(GenericEventMessage.asEventMessage("later"));
        await(() -> live.payloads().contains("later"));
        assertThat(live.payloads()).as("its processor goes on from where it was").containsExactlyInAnyOrder("first", "after", "later");
        assertThat(models.repairIfLost(delivered.stream().filter(id -> !missing.contains(id)).toList()))
                .as("the stored ones are found").isEmpty();
    }

    /** A read model kept in memory, as the evaluation snapshot and the SDK keys are. */
    static final class Remembered {
        private final Set<String> payloads = ConcurrentHashMap.newKeySet();
        private final CountDownLatch lostEventHandled;

        Remembered(CountDownLatch lostEventHandled) {
            this.lostEventHandled = lostEventHandled;
        }

        @EventHandler
        void on(String payload) {
            payloads.add(payload);
            if (payload.equals("lost")) lostEventHandled.countDown();
        }

        Set<String> payloads() {
            return Set.copyOf(payloads);
        }

        void adopt(Remembered rebuilt) {
            payloads.addAll(rebuilt.payloads);
            payloads.retainAll(rebuilt.payloads);
        }
    }

    private static DomainEventMessage<String> change(long sequence, String payload) {
        return new GenericDomainEventMessage<>("Thing", "thing-1", sequence, payload);
    }

    /** The store on a pool gated like the server's, on the full-disk file system. */
    private Store store(String name) {
        AtomicReference<ReopenSafeEventStore> events = new AtomicReference<>();
        pool = new HikariDataSource();
        pool.setJdbcUrl(url(name));
        pool.setUsername("sa");
        pool.setMaximumPoolSize(4);
        pool.setConnectionTimeout(3000);
        EmbeddedStoreRecovery.gate(pool, Duration.ofMillis(200), () -> events.get().newDatabase(), () -> {
        });
        SpringTransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(pool));
        Serializer serializer = JacksonSerializer.defaultSerializer();
        JdbcEventStorageEngine engine = EventStoreConfiguration.jdbcEngine(pool, transactions, serializer, serializer,
                new UniqueViolationResolver(), new EventUpcasterChain());
        // Axon's own tables only (the server's Flyway schema has them too, with its read models: 5 s more here).
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
        ReopenSafeEventStore store = new ReopenSafeEventStore(engine);
        events.set(store);
        return new Store(store, engine, new JdbcTemplate(pool), transactions, serializer);
    }

    private record Store(ReopenSafeEventStore events, JdbcEventStorageEngine engine, JdbcTemplate jdbc,
                         SpringTransactionManager transactions, Serializer serializer) {
    }

    /**
     * Appends "lost" on a full disk: its write waits until {@code read} shows that a processor has the event,
     * then fails as on a full disk (H2 closes the database, the commit is gone); then the space returns.
     */
    private static void loseAnAppendAfterItWasRead(ReopenSafeEventStore store, CountDownLatch read) throws InterruptedException {
        CompletableFuture<Void> append = inThreadOfItsOwn(() -> store.publish(GenericEventMessage.asEventMessage("lost")));
        FullDisk.awaitWaitingWrite();
        assertThat(read.await(30, TimeUnit.SECONDS)).as("a processor read the event before its write").isTrue();
        FullDisk.failTheWaitingWrite();
        assertThatThrownBy(append::join).as("the append was not acknowledged").isNotNull();
        FullDisk.spaceReturns();
    }

    /** Runs {@code task} on a new thread whose first write meets the full disk. */
    private static CompletableFuture<Void> inThreadOfItsOwn(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (Throwable failed) {
                done.completeExceptionally(failed);
            }
        }, "meets-the-full-disk");
        FullDisk.fillUpAt(thread);
        thread.start();
        return done;
    }

    /** A read model of the String events it handles. */
    static final class Seen {
        private final JdbcTemplate jdbc;
        private final CountDownLatch lostEventHandled;

        Seen(JdbcTemplate jdbc, CountDownLatch lostEventHandled) {
            this.jdbc = jdbc;
            this.lostEventHandled = lostEventHandled;
        }

        @EventHandler
        void on(String payload) {
            jdbc.update("merge into seen key(payload) values (?)", payload);
            if (payload.equals("lost")) lostEventHandled.countDown();
        }
    }

    /** Appends once the store takes writes again (it refuses them while it reopens). */
    private static void awaitAppended(EmbeddedEventStore store, String payload) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                store.publish(GenericEventMessage.asEventMessage(payload));
                return;
            } catch (RuntimeException refused) {
                if (System.nanoTime() > deadline) throw refused;
                Thread.sleep(100);
            }
        }
    }

    private static List<String> seen(JdbcTemplate jdbc) {
        try {
            return jdbc.queryForList("select payload from seen", String.class);
        } catch (RuntimeException reopening) {
            return List.of();
        }
    }

    private static List<Object> stored(EventStorageEngine engine) {
        return engine.readEvents(null, false).map(event -> event.getPayload()).map(Object.class::cast).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 60 s");
            Thread.sleep(50);
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery("select count(*) from t")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // its database is closed
        }
    }
}

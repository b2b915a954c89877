package dev.flagledger.server.migration;

import com.zaxxer.hikari.HikariDataSource;
import dev.flagledger.eventstore.kurrent.KurrentClientStreams;
import dev.flagledger.eventstore.kurrent.StreamNames;
import dev.flagledger.server.eventstore.KurrentEventStoreConfiguration;
import dev.flagledger.server.eventstore.UniqueViolationResolver;
import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.KurrentDBConnectionString;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.util.OptionalLong;

/**
 * One side of a migration, opened from a URL: {@code jdbc:...} is the JDBC store (H2 or PostgreSQL),
 * {@code kurrentdb://...} (or {@code esdb://...}) a KurrentDB cluster. Engines are built without
 * upcasters so events are copied in the shape they were stored in.
 */
public final class StoreLocation implements AutoCloseable {
    private final String url;
    private final EventStorageEngine engine;
    private final AutoCloseable resources;
    private final JdbcTemplate jdbc;

    private StoreLocation(String url, EventStorageEngine engine, AutoCloseable resources, JdbcTemplate jdbc) {
        this.url = url;
        this.engine = engine;
        this.resources = resources;
        this.jdbc = jdbc;
    }

    /** {@code prepareSchema}: run the server's Flyway migrations first (for a JDBC target). */
    public static StoreLocation open(String url, String user, String password, Serializer serializer, boolean prepareSchema) {
        if (url.startsWith("jdbc:")) return jdbc(url, user, password, serializer, prepareSchema);
        if (url.startsWith("kurrentdb://") || url.startsWith("kurrentdb+discover://") || url.startsWith("esdb://")
                || url.startsWith("esdb+discover://")) return kurrent(url, serializer);
        throw new IllegalArgumentException("a store is a jdbc:... or kurrentdb://... URL, not " + url);
    }

    private static StoreLocation jdbc(String url, String user, String password, Serializer serializer, boolean prepareSchema) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(3);
        try {
            if (prepareSchema)
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            EventStorageEngine engine = JdbcEventStorageEngine.builder()
                    .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                    .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(dataSource)))
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .persistenceExceptionResolver(new UniqueViolationResolver())
                    .upcasterChain(NoOpEventUpcaster.INSTANCE)
                    .batchSize(1000)
                    .build();
            return new StoreLocation(url, engine, dataSource, new JdbcTemplate(dataSource));
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static StoreLocation kurrent(String url, Serializer serializer) {
        KurrentDBClient client = KurrentDBClient.create(KurrentDBConnectionString.parseOrThrow(url));
        EventStorageEngine engine = KurrentEventStoreConfiguration.engine(new KurrentClientStreams(client),
                StreamNames.DEFAULT, serializer, serializer, NoOpEventUpcaster.INSTANCE);
        return new StoreLocation(url, engine, () -> client.shutdown().get(), null);
    }

    public EventStorageEngine engine() {
        return engine;
    }

    /** The number of events, where the store can say so cheaply (for the progress bar). */
    public OptionalLong count() {
        if (jdbc == null) return OptionalLong.empty();
        Long count = jdbc.queryForObject("select count(*) from domainevententry", Long.class);
        return count == null ? OptionalLong.empty() : OptionalLong.of(count);
    }

    /** The URL without credentials, for progress files and messages. */
    public String describe() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}

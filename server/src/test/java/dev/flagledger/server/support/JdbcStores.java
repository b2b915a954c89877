package dev.flagledger.server.support;

import com.zaxxer.hikari.HikariDataSource;
import dev.flagledger.privacy.keys.Keyring;
import dev.flagledger.server.eventstore.EventStoreConfiguration;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.util.UUID;

/**
 * A fresh JDBC store with the server's schema (Flyway) on H2 or the embedded PostgreSQL, and engines
 * over it exactly as the server builds them, for any keyring: so a test can write with one set of keys
 * and read with another without starting a server.
 */
public final class JdbcStores {
    private JdbcStores() {
    }

    public static HikariDataSource h2() {
        return migrated("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH", "sa", "");
    }

    public static HikariDataSource postgres() {
        return migrated(EmbeddedPostgresServer.newDatabase("store"), "postgres", "postgres");
    }

    private static HikariDataSource migrated(String url, String user, String password) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(3);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    /** The server's event serializer for this keyring. */
    public static Serializer serializer(Keyring keyring) {
        return EventStoreConfiguration.eventSerializer(keyring, EventStoreConfiguration.eventMapper());
    }

    /** The server's JDBC engine (serializers, snapshot filter, upcasters) over the data source, with this keyring. */
    public static JdbcEventStorageEngine engine(HikariDataSource dataSource, Keyring keyring) {
        return engine(dataSource, serializer(keyring), keyring);
    }

    /** As {@link #engine(HikariDataSource, Keyring)} with this event serializer instance. */
    public static JdbcEventStorageEngine engine(HikariDataSource dataSource, Serializer eventSerializer, Keyring keyring) {
        return EventStoreConfiguration.jdbcEngine(dataSource,
                new SpringTransactionManager(new DataSourceTransactionManager(dataSource)), eventSerializer,
                EventStoreConfiguration.snapshotSerializer(keyring), new dev.flagledger.server.eventstore.UniqueViolationResolver(),
                new EventStoreConfiguration().eventUpcasters());
    }
}

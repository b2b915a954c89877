package dev.flagledger.server.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import dev.flagledger.projections.maintenance.ReadModelMaintenance;
import dev.flagledger.privacy.subject.PersonalData;
import dev.flagledger.projections.snapshot.EvaluationSnapshotProjection;
import dev.flagledger.sdk.keys.SdkKeyDirectory;
import dev.flagledger.server.token.ApiTokenDirectory;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.util.unit.DataSize;

import javax.sql.DataSource;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * On the embedded H2 file store: H2 opens its files through {@link SpaceWaitingFiles}, so it never meets a
 * full disk, and the server refuses changes while the disk is below its reserve ({@link EmbeddedStoreDisk},
 * {@link ReadOnlyWhileDiskFull}); the pool opens its connections through {@link EmbeddedStoreConnections}
 * and reports a closed database to it, so that writes recover by themselves after H2 closed the database
 * (any other I/O failure, docs/reliability.md), and event streams start afresh on each new instance of the
 * database ({@link ReopenSafeEventStore}). Other databases keep the pool as Spring Boot configures it.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedStoreRecovery {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreRecovery.class);

    @Bean
    static BeanPostProcessor embeddedStoreConnections(
            @Value("${flagledger.embedded-store.reopen-grace:1s}") Duration grace,
            @Value("${flagledger.embedded-store.pool-size:24}") int poolSize,
            ObjectProvider<ReadModelMaintenance> readModels, ObjectProvider<ReopenSafeEventStore> eventStores,
            @Qualifier("aggregateCache") ObjectProvider<Cache> aggregates, ObjectProvider<InMemoryReadModels> inMemory,
            ObjectProvider<EmbeddedStoreDisk> disks) {
        return new BeanPostProcessor() {
            // After initialization: Boot binds spring.datasource.hikari.* (the class-named override too) before.
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource hikari && hikari.getDataSource() == null
                        && EmbeddedStoreConnections.embeddedFile(hikari.getJdbcUrl())) {
                    // More than a server's database needs (H2 sessions in this JVM are cheap): when the disk fills,
                    // the transactions under way (up to one per tracking processor, and requests) wait for space
                    // with their connection, and reads need some left (ReadOnlyWhileDiskFull, a 60 s DiskFullIT).
                    hikari.setMaximumPoolSize(Math.max(hikari.getMaximumPoolSize(), poolSize));
                    gate(hikari, SpaceWaitingFiles.wrap(hikari.getJdbcUrl()), grace, () -> {
                        // Cached aggregates may hold events the closed instance lost; the store refuses appends
                        // that would follow them (ReopenSafeEventStore.StreamGap), and commands read afresh.
                        aggregates.ifAvailable(Cache::removeAll);
                        eventStores.ifAvailable(events -> {
                            events.newDatabase();
                            inMemory.ifAvailable(models -> models.checkLater(events.deliveredByReplacedInstance()));
                            log.info("A new instance of the embedded store's database: event streams of the old one and cached aggregates dropped (generation {})",
                                    events.generation());
                        });
                    }, () -> retryFailedProcessorsNow(readModels, "reopened"));
                    hikari.setDataSource(new ReadOnlyWhileDiskFull(hikari.getDataSource(), new BooleanSupplier() {
                        private volatile EmbeddedStoreDisk disk;

                        @Override
                        public boolean getAsBoolean() {
                            EmbeddedStoreDisk watched = disk;
                            if (watched == null) disk = watched = disks.getObject();
                            return watched.full();
                        }
                    }));
                }
                return bean;
            }
        };
    }

    /**
     * The disk under the embedded H2 file, watched so that H2 never meets a full one: changes are refused below
     * {@code flagledger.embedded-store.min-free-space} (default 64 MiB, or a twentieth of a smaller disk).
     */
    @Bean(destroyMethod = "close")
    EmbeddedStoreDisk embeddedStoreDisk(@Value("${spring.datasource.url:}") String jdbcUrl,
                                        @Value("${flagledger.embedded-store.min-free-space:-1B}") DataSize minFree,
                                        ObjectProvider<ReadModelMaintenance> readModels) {
        if (!EmbeddedStoreConnections.embeddedFile(jdbcUrl)) return EmbeddedStoreDisk.unwatched();
        EmbeddedStoreDisk disk = EmbeddedStoreDisk.watching(jdbcUrl, minFree.toBytes(), Duration.ofMillis(250));
        // Processors refused while the disk was full (ReadOnlyWhileDiskFull) went into Axon's retry mode.
        disk.whenSpaceReturns(() -> retryFailedProcessorsNow(readModels, "has disk space again"));
        log.info("Watching the embedded store's disk: changes are refused below {} MiB free", disk.minFree() / (1024 * 1024));
        return disk;
    }

    /** Every command, whoever sends it, is refused while the embedded store's disk is full. */
    @Bean
    SmartInitializingSingleton changesRefusedWhileDiskFull(CommandBus commandBus, EmbeddedStoreDisk disk) {
        return () -> commandBus.registerDispatchInterceptor(commands -> (index, command) -> {
            disk.refuseChangesWhileFull();
            return command;
        });
    }

    // Processors that failed meanwhile wait up to 60 s before their next try: make it now.
    private static void retryFailedProcessorsNow(ObjectProvider<ReadModelMaintenance> readModels, String because) {
        readModels.ifAvailable(maintenance -> {
            List<String> restarted = maintenance.retryFailedNow();
            if (!restarted.isEmpty()) log.info("The embedded store {}: processors retrying now: {}", because, restarted);
        });
    }

    /** Checks the read models kept in memory after each new instance of the embedded store's database. */
    @Bean
    InMemoryReadModels inMemoryReadModels(DataSource dataSource, EventStorageEngine engine, @Lazy EventProcessingConfiguration processing,
                                          EvaluationSnapshotProjection snapshot, PersonalData personal,
                                          SdkKeyDirectory sdkKeys, ApiTokenDirectory apiTokens) {
        return new InMemoryReadModels(dataSource, engine, InMemoryReadModels.ofTheServer(processing, snapshot, personal, sdkKeys, apiTokens));
    }

    /**
     * Makes the pool open its connections through the gate and report a closed database to it. Events read
     * from a closed instance may be in no store: {@code whenNewDatabase} (quick, under the gate's lock) makes
     * sure no processor applies them; {@code whenReopened} runs on a thread of its own after a reopening.
     */
    public static EmbeddedStoreConnections gate(HikariDataSource hikari, Duration grace, Runnable whenNewDatabase,
                                                Runnable whenReopened) {
        return gate(hikari, hikari.getJdbcUrl(), grace, whenNewDatabase, whenReopened);
    }

    /** As above, opening {@code url} (the pool's URL with its files opened through {@link SpaceWaitingFiles}). */
    static EmbeddedStoreConnections gate(HikariDataSource hikari, String url, Duration grace, Runnable whenNewDatabase,
                                         Runnable whenReopened) {
        EmbeddedStoreConnections connections = new EmbeddedStoreConnections(url, grace);
        connections.drains(hikari::getHikariPoolMXBean);
        connections.whenNewDatabase(whenNewDatabase);
        connections.whenReopened(whenReopened);
        hikari.setDataSource(connections);
        hikari.setExceptionOverride(new BrokenConnectionEviction(connections::databaseClosed));
        return connections;
    }
}

package dev.flagledger.server.migration;

import dev.flagledger.domain.flag.FlagToggled;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.eventstore.kurrent.InMemoryKurrentStreams;
import dev.flagledger.eventstore.kurrent.StreamNames;
import dev.flagledger.server.eventstore.KurrentEventStoreConfiguration;
import dev.flagledger.server.support.EmbeddedPostgresServer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** migrate-store: copies, survives an interruption, verifies by counts and the audit hash chain. */
class StoreMigrationTest {
    private static final Serializer SERIALIZER = MigrateStoreCommand.passThroughSerializer();
    private static final Instant START = Instant.parse("2026-01-01T00:00:00.123Z");

    @TempDir
    Path dir;

    private static String h2(String name) {
        return "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** {@code events} toggles spread over aggregates of 100 events each, with full metadata, appended 1000 at a time. */
    private static void fill(EventStorageEngine store, int events) {
        List<EventMessage<?>> batch = new ArrayList<>(1000);
        for (int i = 0; i < events; i++) {
            String flag = "flag-" + (i / 100);
            MetaData metadata = MetaData.from(Map.of(ChangeMetadata.ACTOR_SUBJECT, "user-" + (i % 7),
                    ChangeMetadata.REASON, "change " + i + " — ok", ChangeMetadata.ORIGIN, "ui",
                    ChangeMetadata.CORRELATION_ID, "corr-" + i));
            batch.add(new GenericDomainEventMessage<>("Flag", flag, i % 100,
                    new FlagToggled(flag, "shop", "key-" + (i / 100), "production", i % 2 == 0), metadata,
                    UUID.randomUUID().toString(), START.plusMillis(i)));
            if (batch.size() == 1000) {
                store.appendEvents(batch);
                batch = new ArrayList<>(1000);
            }
        }
        if (!batch.isEmpty()) store.appendEvents(batch);
    }

    private static long rows(String url, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             ResultSet rs = connection.createStatement().executeQuery("select count(*) from domainevententry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A crash at the worst moment: the batch is in the target, the progress file does not know it yet. */
    private static StoreMigration.Listener crashAfterAppending(long events) {
        return new StoreMigration.Listener() {
            @Override
            public void appended(long copied) {
                if (copied >= events) throw new IllegalStateException("simulated crash");
            }
        };
    }

    @Test
    void a_hundred_thousand_events_move_from_h2_to_postgresql_across_an_interruption_and_verify() throws Exception {
        String postgres = EmbeddedPostgresServer.newDatabase("migrate");
        MigrationProgress progress = new MigrationProgress(dir.resolve("progress.json"), SERIALIZER);
        long began = System.nanoTime();
        try (StoreLocation source = StoreLocation.open(h2("source"), "sa", "", SERIALIZER, true)) {
            fill(source.engine(), 100_000);
            long filled = System.nanoTime();

            try (StoreLocation target = StoreLocation.open(postgres, "postgres", "postgres", SERIALIZER, true)) {
                assertThatThrownBy(() -> new StoreMigration(source.engine(), target.engine(), progress, 1000,
                        crashAfterAppending(50_000)).run("h2", "pg")).hasMessage("simulated crash");
            }
            assertThat(progress.load().copied()).isEqualTo(49_000);
            assertThat(rows(postgres, "postgres", "postgres")).isEqualTo(50_000);

            StoreMigration.Result result;
            StoreVerification.Report report;
            try (StoreLocation target = StoreLocation.open(postgres, "postgres", "postgres", SERIALIZER, true)) {
                result = new StoreMigration(source.engine(), target.engine(), progress, 1000, new StoreMigration.Listener() {
                }).run("h2", "pg");
                report = new StoreVerification(SERIALIZER).compare(source.engine(), target.engine(), copied -> {
                });

                List<? extends DomainEventMessage<?>> before = source.engine().readEvents("flag-499").asStream().toList();
                List<? extends DomainEventMessage<?>> after = target.engine().readEvents("flag-499").asStream().toList();
                assertThat(after).extracting(DomainEventMessage::getIdentifier)
                        .containsExactlyElementsOf(before.stream().map(DomainEventMessage::getIdentifier).toList());
                assertThat(after.get(7).getMetaData()).isEqualTo(before.get(7).getMetaData());
                assertThat(after.get(7).getTimestamp()).isEqualTo(START.plusMillis(49_907));
            }
            System.out.printf("migrate-store: filled 100000 events in %d ms, copied + verified in %d ms%n",
                    (filled - began) / 1_000_000, (System.nanoTime() - filled) / 1_000_000);

            assertThat(result.copied()).isEqualTo(100_000);
            assertThat(result.skippedOnResume()).isEqualTo(1000);
            assertThat(rows(postgres, "postgres", "postgres")).isEqualTo(100_000);
            assertThat(report.identical()).as(report.firstDifference()).isTrue();
            assertThat(report.sourceCount()).isEqualTo(100_000);
            assertThat(report.targetCount()).isEqualTo(100_000);
            assertThat(report.targetHash()).isEqualTo(report.sourceHash()).isNotEqualTo(dev.flagledger.projections.audit.AuditChain.GENESIS);
        }
    }

    @Test
    void events_go_to_kurrentdb_and_back_through_the_same_code_unchanged() throws Exception {
        EventStorageEngine kurrent = KurrentEventStoreConfiguration.engine(new InMemoryKurrentStreams(), StreamNames.DEFAULT,
                SERIALIZER, SERIALIZER, NoOpEventUpcaster.INSTANCE);
        try (StoreLocation source = StoreLocation.open(h2("jdbc"), "sa", "", SERIALIZER, true);
             StoreLocation back = StoreLocation.open(h2("back"), "sa", "", SERIALIZER, true)) {
            fill(source.engine(), 2_500);

            new StoreMigration(source.engine(), kurrent, new MigrationProgress(dir.resolve("to-kurrent.json"), SERIALIZER),
                    300, new StoreMigration.Listener() {
            }).run("jdbc", "kurrent");
            new StoreMigration(kurrent, back.engine(), new MigrationProgress(dir.resolve("back.json"), SERIALIZER),
                    300, new StoreMigration.Listener() {
            }).run("kurrent", "jdbc");

            StoreVerification verification = new StoreVerification(SERIALIZER);
            StoreVerification.Report there = verification.compare(source.engine(), kurrent, copied -> {
            });
            StoreVerification.Report andBack = verification.compare(source.engine(), back.engine(), copied -> {
            });
            assertThat(there.identical()).as(there.firstDifference()).isTrue();
            assertThat(andBack.identical()).as(andBack.firstDifference()).isTrue();
            assertThat(andBack.targetCount()).isEqualTo(2_500);
        }
    }

    @Test
    void verification_points_at_an_event_changed_after_the_copy() throws Exception {
        String targetUrl = h2("tampered");
        try (StoreLocation source = StoreLocation.open(h2("original"), "sa", "", SERIALIZER, true);
             StoreLocation target = StoreLocation.open(targetUrl, "sa", "", SERIALIZER, true)) {
            fill(source.engine(), 1_500);
            new StoreMigration(source.engine(), target.engine(), new MigrationProgress(dir.resolve("p.json"), SERIALIZER),
                    500, new StoreMigration.Listener() {
            }).run("a", "b");
            try (Connection connection = DriverManager.getConnection(targetUrl, "sa", "")) {
                connection.createStatement().executeUpdate("update domainevententry set metadata = '{}' where sequencenumber = 5"
                        + " and aggregateidentifier = 'flag-3'");
            }

            StoreVerification.Report report = new StoreVerification(SERIALIZER).compare(source.engine(), target.engine(), c -> {
            });

            assertThat(report.identical()).isFalse();
            assertThat(report.firstDifference()).isEqualTo("event 306 in global order differs");
            assertThat(report.targetCount()).isEqualTo(report.sourceCount());
        }
    }

    @Test
    void a_fresh_migration_refuses_a_target_that_already_holds_events() throws Exception {
        try (StoreLocation source = StoreLocation.open(h2("s"), "sa", "", SERIALIZER, true);
             StoreLocation target = StoreLocation.open(h2("t"), "sa", "", SERIALIZER, true)) {
            fill(source.engine(), 10);
            fill(target.engine(), 1);

            assertThatThrownBy(() -> new StoreMigration(source.engine(), target.engine(),
                    new MigrationProgress(dir.resolve("p.json"), SERIALIZER), 5, new StoreMigration.Listener() {
            }).run("s", "t")).hasMessageContaining("already holds events");
        }
    }

    @Test
    void the_command_copies_verifies_and_then_forgets_its_progress() throws Exception {
        String from = h2("cli-from");
        String to = h2("cli-to");
        try (StoreLocation source = StoreLocation.open(from, "sa", "", SERIALIZER, true)) {
            fill(source.engine(), 1_200);
            Path progress = dir.resolve("cli.json");
            StringWriter out = new StringWriter();
            picocli.CommandLine command = new picocli.CommandLine(new MigrateStoreCommand()).setOut(new PrintWriter(out));

            int status = command.execute("--from", from, "--from-user", "sa", "--to", to, "--to-user", "sa",
                    "--progress", progress.toString(), "--batch-size", "500");

            assertThat(status).as(out.toString()).isZero();
            assertThat(out.toString()).contains("copied 1200 events").contains("IDENTICAL");
            assertThat(Files.exists(progress)).isFalse();
            assertThat(rows(to, "sa", "")).isEqualTo(1_200);
            assertThat(new picocli.CommandLine(new MigrateStoreCommand()).execute("--from", "ftp://x", "--to", to)).isNotZero();
        }
    }
}

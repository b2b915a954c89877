package dev.flagledger.server.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import dev.flagledger.domain.flag.FlagArchived;
import dev.flagledger.domain.flag.FlagRestored;
import dev.flagledger.domain.flag.FlagToggled;
import dev.flagledger.domain.project.Environment;
import dev.flagledger.domain.project.ProjectCreated;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.privacy.atrest.EncryptingSerializer;
import dev.flagledger.privacy.keys.Keyring;
import dev.flagledger.privacy.keys.KeyringException;
import dev.flagledger.server.support.JdbcStores;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.LazyDeserializingObject;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Encryption at rest on the JDBC engine as the server builds it: what is stored is sealed under the
 * current key with its id, old events stay readable after a rotation, upcasters still apply to events
 * stored encrypted in an old shape, and a store mixing plain and sealed rows reads both.
 */
abstract class EncryptionAtRestSpec {
    private HikariDataSource store;
    private JdbcTemplate jdbc;

    protected abstract HikariDataSource newStore();

    @BeforeEach
    void open() {
        store = newStore();
        jdbc = new JdbcTemplate(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void payload_metadata_and_snapshots_are_stored_sealed_under_the_current_key() {
        EventStorageEngine engine = JdbcStores.engine(store, TestKeyrings.BEFORE_ROTATION);
        String id = UUID.randomUUID().toString();
        MetaData metadata = MetaData.with(ChangeMetadata.REASON, "launch-reason-" + id);
        engine.appendEvents(new GenericDomainEventMessage<>("Flag", id, 0, new FlagToggled(id, "shop", "secret-flag",
                "production", true), metadata));
        engine.storeSnapshot(new GenericDomainEventMessage<>("ContractAggregate", id, 0, new FlagArchived(id, "shop",
                "snapshot-flag")));

        Map<String, Object> row = jdbc.queryForMap("select payload, metadata from domainevententry where aggregateidentifier = ?", id);
        for (Object column : List.of(row.get("payload"), row.get("metadata"))) {
            byte[] stored = (byte[]) column;
            assertThat(Keyring.isSealed(stored)).isTrue();
            assertThat(Keyring.keyIdOf(stored)).contains("k1");
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("secret-flag").doesNotContain(id);
        }
        byte[] snapshot = jdbc.queryForObject("select payload from snapshotevententry where aggregateidentifier = ?",
                byte[].class, id);
        assertThat(Keyring.isSealed(snapshot)).isTrue();
        DomainEventMessage<?> read = engine.readEvents(id).asStream().findFirst().orElseThrow();
        assertThat(read.getPayload()).isEqualTo(new FlagToggled(id, "shop", "secret-flag", "production", true));
        assertThat(read.getMetaData()).isEqualTo(metadata);
    }

    @Test
    void after_a_rotation_old_events_stay_readable_and_new_ones_use_the_new_key() {
        String id = UUID.randomUUID().toString();
        JdbcStores.engine(store, TestKeyrings.BEFORE_ROTATION)
                .appendEvents(new GenericDomainEventMessage<>("Flag", id, 0, new FlagArchived(id, "shop", "f")));

        EventStorageEngine rotated = JdbcStores.engine(store, TestKeyrings.AFTER_ROTATION);
        rotated.appendEvents(new GenericDomainEventMessage<>("Flag", id, 1, new FlagRestored(id, "shop", "f")));

        assertThat(jdbc.queryForList("select payload from domainevententry where aggregateidentifier = ? order by sequencenumber",
                byte[].class, id)).extracting(payload -> Keyring.keyIdOf(payload).orElseThrow()).containsExactly("k1", "k2");
        assertThat(rotated.readEvents(id).asStream().map(message -> (Object) message.getPayload()).toList())
                .containsExactly(new FlagArchived(id, "shop", "f"), new FlagRestored(id, "shop", "f"));
        assertThat(rotated.readEvents(null, false).count()).as("tracking reads both too").isGreaterThanOrEqualTo(2);

        // Dropping the old key from the ring is refused at read time, naming the key it needs.
        EventStorageEngine withoutOldKey = JdbcStores.engine(store, TestKeyrings.ONLY_NEW_KEY);
        assertThatThrownBy(() -> withoutOldKey.readEvents(id).asStream().map(DomainEventMessage::getPayload).toList())
                .isInstanceOf(KeyringException.class).hasMessageContaining("key k1");
    }

    /** ProjectCreated revision 1, stored encrypted under the old key, is upcast to revision 2 after a rotation. */
    @Test
    void an_event_stored_encrypted_in_an_old_shape_is_upcast_on_read_after_a_rotation() {
        String key = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] revision1 = ("{\"projectKey\":\"" + key + "\",\"name\":\"Legacy\",\"environments\":[\"development\","
                + "\"production\"]}").getBytes(StandardCharsets.UTF_8);
        byte[] sealed = TestKeyrings.BEFORE_ROTATION.seal(revision1, EncryptingSerializer.PURPOSE);
        Serializer writer = JdbcStores.serializer(TestKeyrings.BEFORE_ROTATION);
        SerializedMessage<Object> stored = new SerializedMessage<>(UUID.randomUUID().toString(),
                new LazyDeserializingObject<>(new SimpleSerializedObject<>(sealed, byte[].class,
                        ProjectCreated.class.getName(), null), writer),
                new LazyDeserializingObject<>(MetaData.emptyInstance()));
        JdbcStores.engine(store, writer, TestKeyrings.BEFORE_ROTATION)
                .appendEvents(new GenericDomainEventMessage<>("Project", key, 0, stored, Instant::now));
        byte[] row = jdbc.queryForObject("select payload from domainevententry where aggregateidentifier = ?", byte[].class, key);
        assertThat(row).as("stored exactly as sealed, revision 1").isEqualTo(sealed);

        List<? extends DomainEventMessage<?>> events = JdbcStores.engine(store, TestKeyrings.AFTER_ROTATION)
                .readEvents(key).asStream().toList();

        assertThat(events).hasSize(1);
        assertThat(events.get(0).getPayload()).isEqualTo(new ProjectCreated(key, "Legacy", "", List.of(
                new Environment("development", "Development", false),
                new Environment("production", "Production", true))));
    }

    @Test
    void a_store_written_before_encryption_was_switched_on_reads_plain_and_sealed_rows_alike() {
        String id = UUID.randomUUID().toString();
        JdbcStores.engine(store, Keyring.NONE)
                .appendEvents(new GenericDomainEventMessage<>("Flag", id, 0, new FlagArchived(id, "shop", "f")));
        EventStorageEngine encrypting = JdbcStores.engine(store, TestKeyrings.BEFORE_ROTATION);
        encrypting.appendEvents(new GenericDomainEventMessage<>("Flag", id, 1, new FlagRestored(id, "shop", "f")));

        List<byte[]> payloads = jdbc.queryForList("select payload from domainevententry where aggregateidentifier = ?"
                + " order by sequencenumber", byte[].class, id);
        assertThat(Keyring.isSealed(payloads.get(0))).isFalse();
        assertThat(Keyring.isSealed(payloads.get(1))).isTrue();
        assertThat(encrypting.readEvents(id).asStream().map(message -> (Object) message.getPayload()).toList())
                .containsExactly(new FlagArchived(id, "shop", "f"), new FlagRestored(id, "shop", "f"));
    }
}

package dev.flagledger.server.eventstore;

import dev.flagledger.domain.flag.Flag;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long-lived flags are loaded from an aggregate snapshot plus the events after it. Commands must
 * behave exactly as after a full replay: stale versions conflict, no-op changes record nothing.
 */
public abstract class FlagSnapshotSpec extends ServerSpec {
    private static final String TARGETING = "{targets: [{variation: \"off\", keys: [\"bob\"]}]}";
    @Value("${flagledger.flag-snapshot-threshold:100}")
    int threshold;
    @Autowired
    EventStorageEngine storage;

    @Test
    void a_flag_loaded_from_its_snapshot_checks_versions_and_knows_its_state() throws Exception {
        String flagId = createBooleanFlag("snapshotted").path("id").asText();
        long version = longHistory("snapshotted");
        awaitSnapshot(flagId);
        // Readable, so loads start from it (Axon would otherwise log and replay everything).
        DomainEventMessage<?> snapshot = storage.readSnapshot(flagId).orElseThrow();
        assertThat(snapshot.getPayload()).isInstanceOf(Flag.class);
        assertThat(((Flag) snapshot.getPayload()).facts().flagKey()).isEqualTo("snapshotted");

        expectSameBehaviourAsAFullReplay("snapshotted", flagId, version);
    }

    @Test
    void a_snapshot_of_an_older_flag_shape_is_skipped_and_the_flag_is_replayed_from_its_events() throws Exception {
        String flagId = createBooleanFlag("old-snapshot").path("id").asText();
        long version = longHistory("old-snapshot");
        awaitSnapshot(flagId);
        jdbc.update("update snapshotevententry set payloadrevision = '0' where aggregateidentifier = ?", flagId);

        expectSameBehaviourAsAFullReplay("old-snapshot", flagId, version);
    }

    /** Targeting in staging, then toggles past the snapshot threshold; answers the flag's version. */
    private long longHistory(String key) {
        GraphQl.Response targeted = targeting(key, 0);
        assertThat(targeted.ok()).as(targeted.body().toString()).isTrue();
        long version = 1;
        for (int i = 0; i < threshold + 10; i++) {
            GraphQl.Response toggled = toggle(key, "staging", i % 2 == 0, version, null);
            assertThat(toggled.ok()).as(toggled.body().toString()).isTrue();
            version = toggled.data("toggleFlag.flag.version").asLong();
        }
        assertThat(version).isEqualTo(threshold + 11);
        return version;
    }

    private void expectSameBehaviourAsAFullReplay(String key, String flagId, long version) {
        long events = eventsOf(flagId);
        assertThat(toggle(key, "staging", true, version - 1, null).errorCode()).isEqualTo("CONFLICT");
        // The same targeting again is a no-op only if the loaded flag has it (the snapshot kept it).
        GraphQl.Response same = targeting(key, version);
        assertThat(same.ok()).as(same.body().toString()).isTrue();
        assertThat(same.data("setFlagTargeting.flag.version").asLong()).isEqualTo(version);
        assertThat(eventsOf(flagId)).isEqualTo(events);
        // Toggle i switched staging to (i % 2 == 0); the last one was i = threshold + 9.
        boolean on = (threshold + 9) % 2 == 0;
        GraphQl.Response toggled = toggle(key, "staging", !on, version, null);
        assertThat(toggled.ok()).as(toggled.body().toString()).isTrue();
        assertThat(toggled.data("toggleFlag.flag.version").asLong()).isEqualTo(version + 1);
        assertThat(eventsOf(flagId)).isEqualTo(events + 1);
    }

    private GraphQl.Response targeting(String key, long expectedVersion) {
        return graphql.execute("""
                mutation($p: String!, $k: String!, $v: Int!) { setFlagTargeting(input: {projectKey: $p, key: $k,
                  environment: "staging", targeting: %s, expectedVersion: $v}) { flag { version } } }""".formatted(TARGETING),
                Map.of("p", project, "k", key, "v", expectedVersion));
    }

    private void awaitSnapshot(String flagId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Integer snapshots = jdbc.queryForObject("select count(*) from snapshotevententry where aggregateidentifier = ?",
                    Integer.class, flagId);
            if (snapshots != null && snapshots > 0) return;
            Thread.sleep(50);
        }
        throw new AssertionError("no snapshot of flag " + flagId + " after " + (threshold + 11) + " events");
    }
}

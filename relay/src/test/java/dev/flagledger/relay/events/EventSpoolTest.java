package dev.flagledger.relay.events;

import dev.flagledger.relay.environment.EnvironmentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventSpoolTest {
    private static final EnvironmentId STAGING = new EnvironmentId("shop", "staging");
    private static final String RELAY = "relay-1";

    private static EventSpool open(Path dir) throws Exception {
        return new EventSpool(dir, true, Duration.ofHours(24), Clock.systemUTC());
    }

    private static List<String> events(String prefix, int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) events.add("{\"kind\":\"custom\",\"name\":\"" + prefix + i + "\"}");
        return events;
    }

    @Test
    void accepted_batches_are_forwarded_together_under_one_key_and_leave_the_spool_once_delivered(@TempDir Path dir)
            throws Exception {
        try (EventSpool spool = open(dir)) {
            assertThat(spool.append(STAGING, "key-1", null, events("a", 2)).get()).isEqualTo(EventSpool.Outcome.STORED);
            assertThat(spool.append(STAGING, "key-2", null, events("b", 1)).get()).isEqualTo(EventSpool.Outcome.STORED);
            EnvironmentSpool environment = spool.spool(STAGING);

            EnvironmentSpool.Batch batch = environment.next(RELAY, 500, 256 * 1024);
            assertThat(batch.events()).isEqualTo(3);
            assertThat(new String(batch.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"events\":[" + String.join(",", events("a", 2)) + "," + events("b", 1).get(0) + "]}");
            assertThat(environment.next(RELAY, 500, 256 * 1024)).as("the same batch until it is delivered").isEqualTo(batch);

            environment.delivered(batch);
            assertThat(environment.next(RELAY, 500, 256 * 1024)).isNull();
            assertThat(environment.status().pendingEvents()).isZero();
            assertThat(environment.status().forwardedEvents()).isEqualTo(3);
        }
    }

    @Test
    void a_batch_in_flight_is_sent_again_after_a_restart_with_the_same_key_and_the_same_events(@TempDir Path dir)
            throws Exception {
        EnvironmentSpool.Batch sent;
        try (EventSpool spool = open(dir)) {
            spool.append(STAGING, "key-1", null, events("a", 2)).get();
            sent = spool.spool(STAGING).next(RELAY, 500, 256 * 1024);
        }
        try (EventSpool spool = open(dir)) {
            spool.append(STAGING, "key-1", null, events("later", 1)).get();
            EnvironmentSpool environment = spool.spool(STAGING);

            EnvironmentSpool.Batch again = environment.next(RELAY, 500, 256 * 1024);
            assertThat(again.key()).isEqualTo(sent.key());
            assertThat(again.body()).isEqualTo(sent.body());
            environment.delivered(again);
            EnvironmentSpool.Batch after = environment.next(RELAY, 500, 256 * 1024);
            assertThat(after.events()).isEqualTo(1);
            assertThat(after.key()).isNotEqualTo(sent.key());
        }
    }

    @Test
    void a_torn_record_left_by_a_crash_is_dropped_and_what_was_acknowledged_stays(@TempDir Path dir) throws Exception {
        try (EventSpool spool = open(dir)) {
            spool.append(STAGING, "key-1", null, events("a", 3)).get();
        }
        Path segment = dir.resolve("shop/staging/000000000001.log");
        Files.write(segment, new byte[] {0, 0, 1, 0, 7, 7}, StandardOpenOption.APPEND);

        try (EventSpool spool = open(dir)) {
            EnvironmentSpool environment = spool.spool(STAGING);
            assertThat(environment.status().pendingEvents()).isEqualTo(3);
            spool.append(STAGING, "key-1", null, events("b", 1)).get();
            assertThat(environment.next(RELAY, 500, 256 * 1024).events()).isEqualTo(4);
        }
    }

    @Test
    void batches_are_cut_at_the_servers_limit_of_events(@TempDir Path dir) throws Exception {
        try (EventSpool spool = open(dir)) {
            for (int i = 0; i < 3; i++) spool.append(STAGING, "key-1", null, events("e" + i + "-", 200)).get();
            EnvironmentSpool environment = spool.spool(STAGING);

            EnvironmentSpool.Batch first = environment.next(RELAY, 500, 256 * 1024);
            environment.delivered(first);
            EnvironmentSpool.Batch second = environment.next(RELAY, 500, 256 * 1024);

            assertThat(first.events()).isEqualTo(400);
            assertThat(second.events()).isEqualTo(200);
        }
    }

    @Test
    void a_batch_sent_again_with_its_idempotency_key_is_spooled_once_also_after_a_restart(@TempDir Path dir)
            throws Exception {
        try (EventSpool spool = open(dir)) {
            assertThat(spool.append(STAGING, "key-1", "batch-7", events("a", 1)).get()).isEqualTo(EventSpool.Outcome.STORED);
            assertThat(spool.append(STAGING, "key-1", "batch-7", events("a", 1)).get()).isEqualTo(EventSpool.Outcome.DUPLICATE);
            assertThat(spool.append(STAGING, "key-2", "batch-7", events("a", 1)).get())
                    .as("keys belong to the sender").isEqualTo(EventSpool.Outcome.STORED);
        }
        try (EventSpool spool = open(dir)) {
            assertThat(spool.append(STAGING, "key-1", "batch-7", events("a", 1)).get()).isEqualTo(EventSpool.Outcome.DUPLICATE);
            assertThat(spool.spool(STAGING).status().pendingEvents()).isEqualTo(2);
        }
    }
}

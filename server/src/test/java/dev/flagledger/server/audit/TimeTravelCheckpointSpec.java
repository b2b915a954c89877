package dev.flagledger.server.audit;

import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.projections.audit.ReplayCost;
import dev.flagledger.projections.audit.ReplayMode;
import dev.flagledger.projections.audit.StreamReplay;
import dev.flagledger.projections.audit.TimeTravel;
import dev.flagledger.projections.audit.TimeTravelCheckpoints;
import dev.flagledger.projections.flag.FlagView;
import dev.flagledger.projections.maintenance.ReadModelMaintenance;
import dev.flagledger.projections.maintenance.ReadModelStatus;
import dev.flagledger.server.support.FlagHistory;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.ServerSpec;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time travel over long histories starts from checkpoints, and a checkpointed answer is exactly the
 * answer of a replay from the first event. Histories are appended straight to the store
 * ({@link FlagHistory}); commands would take minutes for 10 000 events.
 */
public abstract class TimeTravelCheckpointSpec extends ServerSpec {
    @Autowired
    EventStorageEngine storage;
    @Autowired
    TimeTravel timeTravel;
    @Autowired
    StreamReplay replay;
    @Autowired
    TimeTravelCheckpoints checkpoints;
    @Autowired
    ReadModelMaintenance maintenance;

    @Test
    void checkpointed_and_full_replays_give_the_same_flag_at_random_instants_over_a_long_skewed_history()
            throws Exception {
        List<Instant> times = longHistory("long-lived", 1_200);
        Random random = new Random(42);
        List<Instant> instants = new ArrayList<>();
        Instant first = times.get(0).minusMillis(5);
        long span = Duration.between(first, times.get(times.size() - 1)).toNanos() + 5_000_000;
        for (int i = 0; i < 40; i++) instants.add(first.plusNanos((long) (random.nextDouble() * span)));
        // Exactly at an event, just before one, and at the skewed events, where the order matters.
        for (int i = 0; i < 10; i++) {
            Instant at = times.get(random.nextInt(times.size()));
            instants.add(at);
            instants.add(at.minusNanos(1));
        }
        List<Integer> skewed = new ArrayList<>();
        for (int n = 1; n < times.size(); n++) if (times.get(n).isBefore(times.get(n - 1))) skewed.add(n);
        for (int i = 0; i < 10; i++) {
            int n = skewed.get(random.nextInt(skewed.size()));
            instants.add(times.get(n).minusNanos(1)); // before the skewed event, after its predecessor
            instants.add(times.get(n - 1).minusNanos(1));
        }

        int fromCheckpoints = 0;
        for (Instant at : instants) {
            assertThat(answer(at, ReplayMode.CHECKPOINTS)).as("flag as of " + at).isEqualTo(answer(at, ReplayMode.FULL));
            if (replay.cost(flagId("long-lived"), at).checkpointSequence() >= 0) fromCheckpoints++;
        }
        assertThat(fromCheckpoints).as("answers that started from a checkpoint").isGreaterThan(instants.size() / 2);
    }

    @Test
    void a_flag_with_ten_thousand_events_answers_flag_as_of_in_well_under_a_second() throws Exception {
        List<Instant> times = longHistory("ten-thousand", 10_000);
        String flagId = flagId("ten-thousand");
        for (Instant at : List.of(times.get(times.size() - 1).plusSeconds(1), times.get(150), times.get(6_789))) {
            flagAsOf(at); // the first call of a kind pays for class loading and the JIT
            List<Duration> took = new ArrayList<>();
            GraphQl.Response response = null;
            for (int call = 0; call < 3; call++) {
                long start = System.nanoTime();
                response = flagAsOf(at);
                took.add(Duration.ofNanos(System.nanoTime() - start));
            }
            assertThat(response.ok()).as(response.body().toString()).isTrue();
            assertThat(took.stream().sorted().toList().get(1)).as("median flagAsOf at " + at + " of " + took)
                    .isLessThan(Duration.ofSeconds(1));
            ReplayCost cost = replay.cost(flagId, at);
            assertThat(cost.eventsReplayed()).as("events replayed after the checkpoint").isLessThan(checkpoints.interval());
            assertThat(response.data("flagAsOf").path("version").asLong())
                    .isEqualTo(cost.checkpointSequence() + cost.eventsReplayed());
        }
        assertThat(replay.cost(flagId, times.get(9_999)).checkpointSequence()).isGreaterThanOrEqualTo(9_000);
    }

    @Test
    void rebuilding_the_checkpoints_from_zero_writes_the_same_checkpoints() throws Exception {
        longHistory("rebuilt-checkpoints", 450);
        List<Map<String, Object>> before = jdbc.queryForList(
                "select * from time_travel_checkpoint order by aggregate_id, sequence_number");
        assertThat(before).isNotEmpty();

        maintenance.rebuild(TimeTravelCheckpoints.PROCESSING_GROUP);
        awaitCheckpoints();
        assertThat(jdbc.queryForList("select * from time_travel_checkpoint order by aggregate_id, sequence_number"))
                .isEqualTo(before);
    }

    /**
     * Creates the flag with a command, then appends {@code events - 1} changes 1 ms apart, every 37th
     * stamped 20 ms before the one preceding it (a second server with a slow clock), and waits until
     * the checkpoints are written. Answers each event's timestamp by sequence number.
     */
    private List<Instant> longHistory(String key, int events) throws Exception {
        String flagId = createBooleanFlag(key).path("id").asText();
        Instant created = storage.readEvents(flagId).next().getTimestamp();
        List<Instant> times = new ArrayList<>(List.of(created));
        for (int n = 1; n < events; n++)
            times.add(created.plusMillis(n).minusMillis(n > 50 && n % 37 == 0 ? 21 : 0));
        FlagHistory history = new FlagHistory(flagId, project, key);
        for (int first = 1; first < events; first += 1_000) {
            List<DomainEventMessage<?>> batch = history.changes(first, Math.min(1_000, events - first), n -> times.get((int) n));
            storage.appendEvents(batch);
        }
        awaitAllReadModels();
        return times;
    }

    /** Every read model, not only the checkpoints, so no processor is still busy when the next spec starts. */
    private void awaitAllReadModels() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            if (maintenance.statuses().stream()
                    .allMatch(status -> status.position() >= status.headPosition() && !status.replaying())) return;
            Thread.sleep(100);
        }
        throw new AssertionError("read models did not catch up: " + maintenance.statuses());
    }

    private void awaitCheckpoints() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            ReadModelStatus status = maintenance.status(TimeTravelCheckpoints.PROCESSING_GROUP);
            if (status.position() >= status.headPosition() && !status.replaying()) return;
            Thread.sleep(50);
        }
        throw new AssertionError("checkpoints did not catch up: " + maintenance.status(TimeTravelCheckpoints.PROCESSING_GROUP));
    }

    private GraphQl.Response flagAsOf(Instant at) {
        return graphql.execute("""
                query($p: String!, $at: DateTime!) { flagAsOf(projectKey: $p, key: "ten-thousand", at: $at) {
                  version environments { key enabled } } }""", Map.of("p", project, "at", at.toString()));
    }

    private String flagId(String key) {
        return jdbc.queryForObject("select flag_id from flag_view where project_key = ? and flag_key = ?",
                String.class, project, key);
    }

    private Object answer(Instant at, ReplayMode mode) {
        try {
            FlagView view = timeTravel.flagAsOf(project, "long-lived", at, mode);
            return view;
        } catch (NotFound notFound) {
            return "NOT_FOUND";
        }
    }
}

package dev.flagledger.projections.snapshot;

import dev.flagledger.evaluation.EvaluationConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluationSnapshotsTest {

    @Test
    void a_listener_that_throws_neither_fails_the_publish_nor_keeps_the_change_from_the_others() {
        try (EvaluationSnapshots snapshots = new EvaluationSnapshots()) {
            List<ConfigChange> seen = new ArrayList<>();
            snapshots.subscribe(change -> {
                throw new IllegalStateException("a broken listener");
            });
            snapshots.subscribe(seen::add);
            ConfigChange change = new ConfigChange("shop", "production", 7, ConfigChange.Kind.FLAG, "f", Map.of());

            snapshots.publish(new EnvironmentSnapshot("shop", "production", 7,
                    EvaluationConfig.compile(List.of(), List.of()), Map.of()), List.of(change));

            assertThat(seen).containsExactly(change);
            assertThat(snapshots.current("shop", "production")).get().extracting(EnvironmentSnapshot::position)
                    .isEqualTo(7L);
            assertThat(snapshots.changesSince("shop", "production", 0)).contains(List.of(change));
        }
    }
}

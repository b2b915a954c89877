package dev.flagledger.server.migration;

import dev.flagledger.eventstore.kurrent.KurrentTrackingToken;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress file keeps the source position of either engine across a restart, and is replaced whole. */
class MigrationProgressTest {
    @TempDir
    Path dir;

    private MigrationProgress progress() {
        return new MigrationProgress(dir.resolve("progress.json"), MigrateStoreCommand.passThroughSerializer());
    }

    @Test
    void a_jdbc_position_with_its_gaps_survives_a_restart() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(1042, List.of(1000L, 1017L));
        progress().save(new MigrationProgress.State("jdbc:h2:a", "jdbc:postgresql://b", 1040, token));

        MigrationProgress.State loaded = progress().load();

        assertThat(loaded.token()).isEqualTo(token);
        assertThat(loaded.copied()).isEqualTo(1040);
        assertThat(loaded.from()).isEqualTo("jdbc:h2:a");
        assertThat(loaded.to()).isEqualTo("jdbc:postgresql://b");
    }

    @Test
    void a_kurrentdb_position_survives_a_restart() {
        KurrentTrackingToken token = new KurrentTrackingToken(9_876_543_210L, 9_876_543_100L);
        progress().save(new MigrationProgress.State("kurrentdb://a", "jdbc:h2:b", 3, token));

        assertThat(progress().load().token()).isEqualTo(token);
    }

    @Test
    void a_run_that_copied_nothing_yet_has_no_position_and_saving_leaves_no_temporary_file() throws Exception {
        progress().save(new MigrationProgress.State("a", "b", 0, null));
        progress().save(new MigrationProgress.State("a", "b", 0, null));

        assertThat(progress().load().token()).isNull();
        try (var files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString()).toList()).containsExactly("progress.json");
        }
        progress().delete();
        assertThat(progress().exists()).isFalse();
    }
}

package dev.flagledger.server.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code java -jar flagledger-server.jar migrate-store --from URL --to URL}: copies every event from one
 * store to another, resumably, then verifies both sides (docs/deploy.md, "Moving events between stores").
 * Exit status 0 when the stores are identical, 1 when verification finds a difference, 2 for bad usage
 * or a failure during the copy (run the same command again to resume).
 */
@Command(name = "migrate-store", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Copy all events between event stores (JDBC <-> KurrentDB, JDBC -> JDBC), resumable, then verify.")
public final class MigrateStoreCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "Source store: jdbc:... or kurrentdb://...")
    String from;
    @Option(names = "--from-user", defaultValue = "${env:FLAGLEDGER_FROM_USER:-}", description = "JDBC user of the source")
    String fromUser;
    @Option(names = "--from-password", defaultValue = "${env:FLAGLEDGER_FROM_PASSWORD:-}", description = "JDBC password of the source (or FLAGLEDGER_FROM_PASSWORD)")
    String fromPassword;
    @Option(names = "--to", required = true, description = "Target store: jdbc:... (schema is created) or kurrentdb://...")
    String to;
    @Option(names = "--to-user", defaultValue = "${env:FLAGLEDGER_TO_USER:-}", description = "JDBC user of the target")
    String toUser;
    @Option(names = "--to-password", defaultValue = "${env:FLAGLEDGER_TO_PASSWORD:-}", description = "JDBC password of the target (or FLAGLEDGER_TO_PASSWORD)")
    String toPassword;
    @Option(names = "--progress", defaultValue = "migrate-store.progress.json", description = "Progress file; kept until verification passes (default: ${DEFAULT-VALUE})")
    Path progressFile;
    @Option(names = "--batch-size", defaultValue = "1000", description = "Events per append (default: ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--verify-only", description = "Only compare the two stores")
    boolean verifyOnly;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command and answers its exit status. */
    public static int run(String... args) {
        return new CommandLine(new MigrateStoreCommand()).execute(args);
    }

    /** One serializer instance for both engines: Axon then passes serialized payloads and metadata through as stored. */
    static Serializer passThroughSerializer() {
        return JacksonSerializer.builder().objectMapper(new ObjectMapper().findAndRegisterModules()).build();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Serializer serializer = passThroughSerializer();
        try (StoreLocation source = StoreLocation.open(from, fromUser, fromPassword, serializer, false);
             StoreLocation target = StoreLocation.open(to, toUser, toPassword, serializer, !verifyOnly)) {
            long total = source.count().orElse(-1);
            if (!verifyOnly) {
                MigrationProgress progress = new MigrationProgress(progressFile, serializer);
                try (ProgressBar bar = bar("copy", total)) {
                    StoreMigration.Result result = new StoreMigration(source.engine(), target.engine(), progress, batchSize,
                            new StoreMigration.Listener() {
                                @Override
                                public void resumed(long copied) {
                                    bar.stepTo(copied);
                                }

                                @Override
                                public void saved(long copied) {
                                    bar.stepTo(copied);
                                }
                            }).run(source.describe(), target.describe());
                    bar.stepTo(result.copied());
                    out.printf("copied %d events (%d already in the target after a resume)%n", result.copied(), result.skippedOnResume());
                }
            }
            StoreVerification.Report report;
            try (ProgressBar bar = bar("verify", total)) {
                report = new StoreVerification(serializer).compare(source.engine(), target.engine(), bar::stepTo);
            }
            out.printf("source: %d events, chain %s%ntarget: %d events, chain %s%n", report.sourceCount(),
                    report.sourceHash(), report.targetCount(), report.targetHash());
            if (!report.identical()) {
                out.println("DIFFERENT: " + report.firstDifference());
                return 1;
            }
            out.println("IDENTICAL");
            if (!verifyOnly) new MigrationProgress(progressFile, serializer).delete();
            return 0;
        }
    }

    private static ProgressBar bar(String task, long total) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate().build();
    }
}

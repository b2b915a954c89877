package dev.flagledger.server.experiment.export;

import dev.flagledger.projections.experiment.ExperimentResults;
import dev.flagledger.projections.experiment.ExperimentView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The scheduled side of the connectors: whenever the scheduler stores results, they are also written as
 * CSV and Parquet into {@code flagledger.experiments.export.directory} (when set) and posted to the webhook
 * (when set). Files are written under a temporary name and moved into place, so a reader never sees half a file.
 */
@Component
public class ExperimentConnectors {
    private final ExperimentWebhook webhook;
    private final String directory;

    public ExperimentConnectors(ExperimentWebhook webhook,
                                @Value("${flagledger.experiments.export.directory:}") String directory) {
        this.webhook = webhook;
        this.directory = directory;
    }

    public void publish(ExperimentView experiment, ExperimentResults results) {
        if (!directory.isBlank()) write(experiment, results);
        if (webhook.configured()) webhook.deliver("experiment.results", results);
    }

    private void write(ExperimentView experiment, ExperimentResults results) {
        Table table = ExperimentExport.results(results);
        String stamp = results.computedAt().toString().replace(":", "");
        String base = experiment.projectKey() + "-" + experiment.key() + "-results-" + stamp;
        try {
            Path dir = Files.createDirectories(Path.of(directory));
            Path csv = Files.createTempFile(dir, ".results", ".tmp");
            try (OutputStream out = Files.newOutputStream(csv)) {
                TableWriters.csv(table, out);
            }
            Files.move(csv, dir.resolve(base + ".csv"), StandardCopyOption.ATOMIC_MOVE);
            Path parquet = dir.resolve(".results-" + stamp + ".parquet.tmp");
            Files.deleteIfExists(parquet);
            TableWriters.parquet(table, "experiment_results", parquet.toFile());
            Files.move(parquet, dir.resolve(base + ".parquet"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the experiment export to " + directory, e);
        }
    }
}

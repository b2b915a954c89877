package dev.flagledger.cli.dev;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.cli.CliException;
import dev.flagledger.cli.gitops.Canonical;
import dev.flagledger.cli.gitops.EnvironmentConfig;
import dev.flagledger.cli.gitops.ProjectFiles;
import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.format.ConfigTreeReader;
import dev.flagledger.projections.snapshot.ConfigChange;
import dev.flagledger.projections.snapshot.EnvironmentSnapshot;
import dev.flagledger.projections.snapshot.EvaluationSnapshots;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds {@link EvaluationSnapshots} from project files instead of the event store: reads them,
 * compiles one environment with the evaluation engine, and publishes a snapshot plus one change
 * per flag or segment that differs, exactly as the server's projection does, so the SSE stream
 * sends {@code patch}es. The files are checked every {@value #POLL_MILLIS} ms (content, not
 * timestamps: editors that write in place and those that rename both show up); a file that does
 * not validate is reported and the last good configuration stays served.
 */
final class DevFileSource implements AutoCloseable {
    static final long POLL_MILLIS = 100;
    private final Path path;
    private final String environment;
    private final EvaluationSnapshots snapshots;
    private final PrintWriter log;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flagledger-dev-watch");
        thread.setDaemon(true);
        return thread;
    });
    /** Positions start at the clock, so an SDK that saw an earlier dev run never resumes into a gap. */
    private long position = System.currentTimeMillis() * 1000;
    private String digest = "";
    /** Each reload is a new version of every flag, as SDKs see it in the metadata. */
    private long reloads;
    private String projectKey;
    private Map<String, Object> flags = Map.of();
    private Map<String, Object> segments = Map.of();

    DevFileSource(Path path, String environment, EvaluationSnapshots snapshots, PrintWriter log) {
        this.path = path;
        this.environment = environment;
        this.snapshots = snapshots;
        this.log = log;
    }

    /** Loads once (a bad file stops the start), then watches. */
    String start() {
        String chosen = reload(true);
        poller.scheduleWithFixedDelay(() -> {
            try {
                reload(false);
            } catch (RuntimeException e) {
                log.println("flagledger dev: " + e.getMessage());
            }
        }, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return chosen;
    }

    String projectKey() {
        return projectKey;
    }

    private synchronized String reload(boolean first) {
        String now = digest();
        if (now.equals(digest)) return environment;
        ObjectNode document;
        try {
            document = ProjectFiles.canonical(ProjectFiles.read(path));
        } catch (CliException invalid) {
            if (first) throw invalid;
            digest = now;
            log.println("flagledger dev: not reloaded, still serving the last good files: " + invalid.getMessage());
            log.flush();
            return environment;
        }
        String project = document.path("project").path("key").asText();
        List<String> environments = Canonical.environmentKeys(document.path("project"));
        String chosen = environment != null ? environment : environments.get(0);
        if (!environments.contains(chosen))
            throw CliException.badInput("the files have no environment " + chosen + " (they have " + environments + ")");
        Map<String, Object> tree = EnvironmentConfig.tree(document, chosen, ++reloads);
        EvaluationConfig config = EvaluationConfig.compile(ConfigTreeReader.read(tree));
        config.invalidFlags().forEach((flag, why) -> log.println("flagledger dev: flag " + flag + " does not compile: " + why));
        config.invalidSegments().forEach((segment, why) -> log.println("flagledger dev: segment " + segment + " does not compile: " + why));

        @SuppressWarnings("unchecked") Map<String, Object> newFlags = (Map<String, Object>) tree.get("flags");
        @SuppressWarnings("unchecked") Map<String, Object> newSegments = (Map<String, Object>) tree.get("segments");
        List<ConfigChange> changes = new ArrayList<>();
        changes(project, chosen, ConfigChange.Kind.SEGMENT, segments, newSegments, changes);
        changes(project, chosen, ConfigChange.Kind.FLAG, flags, newFlags, changes);
        if (first) position++;
        snapshots.publish(new EnvironmentSnapshot(project, chosen, position, config, tree), first ? List.of() : changes);
        projectKey = project;
        flags = newFlags;
        segments = newSegments;
        digest = now;
        if (!first) {
            log.println("flagledger dev: reloaded " + path + " (" + changes.size() + " change(s))");
            log.flush();
        }
        return chosen;
    }

    private void changes(String project, String chosen, ConfigChange.Kind kind, Map<String, Object> before,
                         Map<String, Object> after, List<ConfigChange> changes) {
        Set<String> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys.stream().sorted().toList()) {
            if (Objects.equals(withoutVersion(before.get(key)), withoutVersion(after.get(key)))) continue;
            @SuppressWarnings("unchecked") Map<String, Object> value = (Map<String, Object>) after.get(key);
            changes.add(new ConfigChange(project, chosen, ++position, kind, key, value));
        }
    }

    private static Object withoutVersion(Object tree) {
        if (!(tree instanceof Map<?, ?> map)) return tree;
        Map<Object, Object> copy = new HashMap<>(map);
        copy.remove("version");
        return copy;
    }

    /** A digest of every file's name and bytes. */
    private String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : ProjectFiles.files(path)) {
                sha.update(file.toString().getBytes());
                sha.update(Files.readAllBytes(file));
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

}

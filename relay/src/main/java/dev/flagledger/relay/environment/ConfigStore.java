package dev.flagledger.relay.environment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.relay.AtomicFiles;
import dev.flagledger.relay.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The last good configuration of every environment on disk ({@code environments/<project>/<env>.json}),
 * so a relay restarted while its upstream is down serves what it served before. Writes happen on
 * their own thread, coalesced per environment (only the newest view is written), so saving never
 * delays a change reaching the streams; each write replaces the file atomically.
 */
public final class ConfigStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConfigStore.class.getName());
    private final Path directory;
    private final Set<EnvironmentState> dirty = new LinkedHashSet<>();
    private final Thread writer;
    private volatile boolean running = true;

    public ConfigStore(Path directory) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        this.writer = new Thread(this::writeLoop, "relay-config-store");
        writer.setDaemon(true);
        writer.start();
    }

    /** A saved environment: the data to restore and when it was last known current. */
    public record Saved(EnvironmentId id, long position, String config, Instant savedAt) {
    }

    public List<Saved> loadAll() throws IOException {
        List<Saved> saved = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory, 2)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                try {
                    JsonNode root = Json.tree(Files.readAllBytes(file));
                    saved.add(new Saved(new EnvironmentId(root.path("projectKey").asText(), root.path("environment").asText()),
                            root.path("position").asLong(), root.path("config").toString(),
                            Instant.parse(root.path("savedAt").asText())));
                } catch (RuntimeException unreadable) {
                    LOG.log(System.Logger.Level.WARNING, "ignoring unreadable saved configuration " + file + ": " + unreadable);
                }
            }
        }
        return saved;
    }

    /** Asks for the environment's current view to be written soon. */
    public void save(EnvironmentState state) {
        synchronized (dirty) {
            dirty.add(state);
            dirty.notifyAll();
        }
    }

    private void writeLoop() {
        while (running) {
            List<EnvironmentState> batch;
            synchronized (dirty) {
                while (running && dirty.isEmpty()) {
                    try {
                        dirty.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                batch = new ArrayList<>(dirty);
                dirty.clear();
            }
            for (EnvironmentState state : batch) state.view().ifPresent(this::write);
        }
    }

    /** Writes what is still waiting; called on shutdown. */
    public void flush() {
        List<EnvironmentState> batch;
        synchronized (dirty) {
            batch = new ArrayList<>(dirty);
            dirty.clear();
        }
        for (EnvironmentState state : batch) state.view().ifPresent(this::write);
    }

    private synchronized void write(EnvironmentView view) {
        Path file = directory.resolve(view.id().projectKey()).resolve(view.id().environment() + ".json");
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("projectKey", view.id().projectKey());
        head.put("environment", view.id().environment());
        head.put("position", view.position());
        head.put("savedAt", view.asOf().toString());
        byte[] headJson = Json.bytes(head);
        ByteArrayOutputStream out = new ByteArrayOutputStream(view.bodyLength() + headJson.length + 16);
        out.write(headJson, 0, headJson.length - 1);
        out.writeBytes(",\"config\":".getBytes(StandardCharsets.US_ASCII));
        out.write(view.putFrame(), view.bodyOffset(), view.bodyLength());
        out.write('}');
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, out.toByteArray());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not save the configuration of " + view.id() + ": " + e);
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (dirty) {
            dirty.notifyAll();
        }
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}

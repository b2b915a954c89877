package dev.flagledger.server.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How far a migration got, in a small JSON file beside the operator: the source's tracking token after
 * the last copied batch and the number of events copied. A file rather than a table because the target
 * may be KurrentDB; written to a temporary file and moved over the old one, so a crash leaves either the
 * old or the new state, never half of one.
 */
public final class MigrationProgress {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Serializer tokens;

    /** Where a run stands: {@code token} is null before the first batch. */
    public record State(String from, String to, long copied, TrackingToken token) {
    }

    public MigrationProgress(Path file, Serializer tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    public Path file() {
        return file;
    }

    public State load() {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(file.toFile());
            TrackingToken token = null;
            if (node.hasNonNull("tokenType"))
                token = tokens.deserialize(new SimpleSerializedObject<>(node.get("token").asText(), String.class,
                        node.get("tokenType").asText(), null));
            return new State(node.path("from").asText(), node.path("to").asText(), node.path("copied").asLong(), token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration progress " + file, e);
        }
    }

    public void save(State state) {
        ObjectNode node = JSON.createObjectNode().put("from", state.from()).put("to", state.to()).put("copied", state.copied());
        if (state.token() != null) {
            SerializedObject<String> token = tokens.serialize(state.token(), String.class);
            node.put("tokenType", token.getType().getName()).put("token", token.getData());
        }
        try {
            Path absolute = file.toAbsolutePath();
            Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), node);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write migration progress " + file, e);
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

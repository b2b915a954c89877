package dev.flagledger.projections.audit.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.domain.privacy.PersonalValue;
import dev.flagledger.privacy.atrest.EncryptingSerializer;
import dev.flagledger.privacy.keys.Keyring;
import dev.flagledger.privacy.keys.KeyringConfig;
import dev.flagledger.projections.audit.AuditChain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies an exported file offline (docs/audit.md): recomputes every entry's hash from the exported
 * event row and the hash before it, and checks the links. Reads JSON Lines or CSV (by extension),
 * one entry at a time. Exit status 0 when the chain holds, 1 at the first entry that breaks it,
 * 2 for unreadable input.
 *
 * <p>The chain covers the stored bytes, so it verifies whether they are encrypted at rest or not, and
 * whether personal values in them were erased since. Two readings cannot be checked offline: the
 * metadata of rows encrypted at rest, unless the key file is given ({@code --key-file}), and personal
 * values sealed under subject keys (the server opens those; offline they are counted and skipped).
 *
 * <p>{@code java -cp flagledger-server.jar -Dloader.main=dev.flagledger.projections.audit.export.ExportVerifier
 * org.springframework.boot.loader.launch.PropertiesLauncher audit.jsonl [--key-file keys]}
 */
public final class ExportVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The outcome: entries checked, the anchor (first previous hash), the last hash, or the first break;
     * and how many readings could not be checked offline (encrypted metadata, sealed personal values).
     */
    public record Result(long checked, String anchor, String lastHash, String problem, long encryptedUnchecked,
                         long personalUnchecked) {
        Result(long checked, String anchor, String lastHash, String problem) {
            this(checked, anchor, lastHash, problem, 0, 0);
        }

        public boolean valid() {
            return problem == null;
        }
    }

    public static void main(String[] args) {
        Path keyFile = null;
        if (args.length == 3 && args[1].equals("--key-file")) keyFile = Path.of(args[2]);
        else if (args.length != 1) {
            System.err.println("usage: ExportVerifier <export.jsonl|export.csv> [--key-file <keys>]");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0]), keyFile, System.out, System.err));
    }

    /** What {@link #main} does, without exiting: prints the outcome and answers the exit status. */
    public static int run(Path file, PrintStream out, PrintStream err) {
        return run(file, null, out, err);
    }

    /** As {@link #run(Path, PrintStream, PrintStream)}, opening metadata encrypted at rest with the keys in {@code keyFile}. */
    public static int run(Path file, Path keyFile, PrintStream out, PrintStream err) {
        try {
            Keyring keys = keyFile == null ? Keyring.NONE : KeyringConfig.load(null, keyFile.toString(), null);
            Result result = verify(file, keys);
            if (result.valid()) {
                out.printf("OK: %d entries; chain from %s to %s%n", result.checked(), result.anchor(), result.lastHash());
                if (result.encryptedUnchecked() > 0)
                    out.printf("note: the metadata of %d entries is encrypted at rest; their readings were not checked"
                            + " (give --key-file)%n", result.encryptedUnchecked());
                if (result.personalUnchecked() > 0)
                    out.printf("note: %d personal values are sealed under subject keys; their readings were not checked"
                            + " offline%n", result.personalUnchecked());
                return 0;
            }
            out.println("BROKEN: " + result.problem());
            return 1;
        } catch (IOException | RuntimeException unreadable) {
            err.println("cannot read " + file + ": " + unreadable.getMessage());
            return 2;
        }
    }

    public static Result verify(Path file) throws IOException {
        return verify(file, Keyring.NONE);
    }

    public static Result verify(Path file, Keyring keys) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Lines lines = file.toString().endsWith(".csv") ? new CsvLines(reader) : new JsonLines(reader);
            long checked = 0;
            Unchecked unchecked = new Unchecked();
            String anchor = null;
            String previous = null;
            for (Map<String, String> values = lines.next(); values != null; values = lines.next()) {
                String position = values.get("position");
                if (previous == null) previous = anchor = values.get("previousHash");
                if (!previous.equals(values.get("previousHash")))
                    return new Result(checked, anchor, previous, "entry at position " + position
                            + " does not link to the entry before it");
                String expected = AuditChain.link(previous, ExportLine.event(values).canonicalBytes());
                if (!expected.equals(values.get("hash")))
                    return new Result(checked, anchor, previous, "entry at position " + position + " (event "
                            + values.get("eventId") + ") hashes to " + expected + ", not " + values.get("hash"));
                String misread = misreadMetadata(values, keys, unchecked);
                if (misread != null)
                    return new Result(checked, anchor, previous, "entry at position " + position + " shows " + misread
                            + " unlike its hashed metadata");
                previous = expected;
                checked++;
            }
            return new Result(checked, anchor, previous, null, unchecked.encrypted, unchecked.personal);
        }
    }

    private static final class Unchecked {
        long encrypted;
        long personal;
    }

    /**
     * Who, why, from where, which request, commit and ticket are the audit's reading of the hashed
     * metadata; a column that disagrees with the metadata would be an unhashed edit, so it is refused too.
     */
    private static String misreadMetadata(Map<String, String> values, Keyring keys, Unchecked unchecked)
            throws IOException {
        String encoded = values.get("metadata");
        byte[] stored = encoded == null ? null : java.util.Base64.getDecoder().decode(encoded);
        if (Keyring.isSealed(stored)) {
            if (!keys.keyIds().contains(Keyring.keyIdOf(stored).orElseThrow())) {
                unchecked.encrypted++;
                return null;
            }
            stored = keys.open(stored, EncryptingSerializer.PURPOSE);
        }
        JsonNode metadata = stored == null ? JSON.createObjectNode() : JSON.readTree(stored);
        for (Map.Entry<String, String> column : METADATA_COLUMNS.entrySet()) {
            // Files exported before a column existed lack it; what a file has must match.
            if (!values.containsKey(column.getKey())) continue;
            JsonNode value = metadata.get(column.getValue());
            String hashed = value == null || value.isNull() ? null : value.asText();
            if (PersonalValue.isSealed(hashed)) {
                unchecked.personal++;
                continue;
            }
            if (!java.util.Objects.equals(hashed, values.get(column.getKey()))) return column.getKey();
        }
        return null;
    }

    /** Export column to the metadata key it is read from (ChangeMetadata). */
    private static final Map<String, String> METADATA_COLUMNS = Map.of("actorSubject", "actorSubject",
            "actorName", "actorName", "reason", "reason", "origin", "origin", "correlationId", "correlationId",
            "vcsCommit", "vcsCommit", "ticket", "ticket");

    private interface Lines {
        /** The next entry's values by column, or null at the end. */
        Map<String, String> next() throws IOException;
    }

    private record JsonLines(BufferedReader reader) implements Lines {
        public Map<String, String> next() throws IOException {
            String line;
            do {
                line = reader.readLine();
                if (line == null) return null;
            } while (line.isBlank());
            JsonNode node = JSON.readTree(line);
            Map<String, String> values = new LinkedHashMap<>();
            for (String column : ExportLine.COLUMNS) {
                JsonNode value = node.get(column);
                if (value != null) values.put(column, value.isNull() ? null : value.asText());
            }
            return values;
        }
    }

    /** RFC 4180 records (quoted fields may hold line breaks); an unquoted empty field is absent. */
    private static final class CsvLines implements Lines {
        private final Reader reader;
        private List<String> header;

        CsvLines(Reader reader) {
            this.reader = reader;
        }

        public Map<String, String> next() throws IOException {
            if (header == null) {
                header = record();
                if (header == null) return null;
            }
            List<String> fields = record();
            if (fields == null) return null;
            if (fields.size() != header.size())
                throw new IllegalArgumentException("a CSV record has " + fields.size() + " fields, not " + header.size());
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) values.put(header.get(i), fields.get(i));
            return values;
        }

        private List<String> record() throws IOException {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            int c = reader.read();
            if (c == -1) return null;
            while (true) {
                if (quoted) {
                    if (c == -1) throw new IllegalArgumentException("unterminated quoted CSV field");
                    if (c == '"') {
                        int next = reader.read();
                        if (next == '"') field.append('"');
                        else {
                            quoted = false;
                            c = next;
                            continue;
                        }
                    } else field.append((char) c);
                } else if (c == '"') {
                    quoted = wasQuoted = true;
                } else if (c == ',' || c == '\n' || c == -1) {
                    fields.add(field.isEmpty() && !wasQuoted ? null : field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                    if (c != ',') return fields;
                } else if (c != '\r') {
                    field.append((char) c);
                }
                c = reader.read();
            }
        }
    }
}

package dev.flagledger.privacy.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads keys from configuration: inline as {@code id=base64,id=base64} (for an environment variable),
 * and/or from a key file with one {@code id=base64} line per key ({@code #} comments, blank lines
 * allowed). Keys keep their order, file keys after inline ones; the current key is named, or else the
 * last one. {@code openssl rand -base64 32} makes a key.
 */
public final class KeyringConfig {
    private KeyringConfig() {
    }

    public static Keyring load(String inline, String keyFile, String currentId) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (inline != null && !inline.isBlank())
            for (String entry : inline.split(",")) add(keys, entry, "inline key list");
        if (keyFile != null && !keyFile.isBlank()) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(keyFile.strip()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new KeyringException("cannot read the encryption key file " + keyFile + ": " + e.getMessage(), e);
            }
            for (String line : lines) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) add(keys, entry, "key file " + keyFile);
            }
        }
        return Keyring.of(keys, currentId);
    }

    private static void add(Map<String, byte[]> keys, String entry, String source) {
        int equals = entry.indexOf('=');
        if (equals <= 0) throw new KeyringException("an entry of the " + source + " is not id=base64-key");
        String id = entry.substring(0, equals).strip();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(entry.substring(equals + 1).strip());
        } catch (IllegalArgumentException notBase64) {
            throw new KeyringException("encryption key " + id + " in the " + source + " is not base64");
        }
        if (keys.put(id, key) != null) throw new KeyringException("encryption key " + id + " is configured twice");
    }
}

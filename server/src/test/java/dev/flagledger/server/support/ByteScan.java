package dev.flagledger.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Searches every file under some directories for byte strings (their UTF-8 bytes), as someone holding
 * a copy of the database's files would: live pages, free pages, write-ahead log, everything.
 */
public final class ByteScan {
    private ByteScan() {
    }

    /** For each needle, the files whose bytes contain it (an empty list when none does). */
    public static Map<String, List<Path>> find(List<Path> roots, List<String> needles) {
        Map<String, List<Path>> found = new LinkedHashMap<>();
        needles.forEach(needle -> found.put(needle, new ArrayList<>()));
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String bytes = read(file);
                    if (bytes == null) continue;
                    for (String needle : needles)
                        // Latin-1 maps every byte to one char, so indexOf is a byte search.
                        if (bytes.contains(new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)))
                            found.get(needle).add(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** Total bytes scanned under the roots (so a test can show it scanned something). */
    public static long size(List<Path> roots) {
        long total = 0;
        for (Path root : roots)
            try (Stream<Path> files = Files.walk(root)) {
                total += files.filter(Files::isRegularFile).mapToLong(file -> {
                    try {
                        return Files.size(file);
                    } catch (IOException vanished) {
                        return 0;
                    }
                }).sum();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        return total;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            if (Files.exists(file)) throw new UncheckedIOException("cannot scan " + file, e);
            return null; // a temporary file the server removed while we walked
        }
    }
}

package dev.flagledger.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a relay runs. Every setting is a command-line option {@code --name=value} or an environment
 * variable {@code FLAGLEDGER_RELAY_NAME} (dashes become underscores); the option wins. docs/relay.md
 * lists them.
 *
 * @param upstream          the server (or a relay nearer the core) to mirror, e.g. {@code https://flags.example.com}
 * @param sdkKeys           one SERVER key per environment this relay serves
 * @param maxPendingBytes   bytes a stream client may leave unread before it is dropped (it reconnects and resumes)
 * @param historyBytes      bytes of patches kept per environment for Last-Event-ID (and at most 1 000 patches)
 * @param sharedMaxAge      seconds a shared cache (CDN, nginx) may serve the config or a bulk answer unrevalidated
 */
public record RelaySettings(URI upstream, List<String> sdkKeys, Path dataDir, String host, int port,
                            Duration heartbeat, long maxPendingBytes, long historyBytes, Duration keyRevalidation,
                            Duration upstreamIdleTimeout, Duration maxBackoff, Duration eventLinger,
                            int sharedMaxAge, int staleIfError, List<String> corsOrigins, int ioThreads,
                            boolean fsync, Duration idempotencyWindow) {

    public RelaySettings {
        if (upstream == null || upstream.getScheme() == null || upstream.getHost() == null)
            throw new IllegalArgumentException("upstream must be an absolute http(s) URL, e.g. --upstream=http://server:8080");
        sdkKeys = List.copyOf(sdkKeys);
        corsOrigins = List.copyOf(corsOrigins);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535");
        if (maxPendingBytes < 1024) throw new IllegalArgumentException("max-pending-bytes must be at least 1024");
    }

    /** Reads options ({@code --name=value}) over environment variables over defaults. */
    public static RelaySettings from(Map<String, String> environment, String... args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("="))
                throw new IllegalArgumentException("options look like --name=value: " + arg);
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Source source = new Source(options, environment);
        List<String> keys = new ArrayList<>(list(source.get("sdk-keys", "")));
        String keysFile = source.get("sdk-keys-file", "");
        if (!keysFile.isBlank()) {
            try {
                for (String line : Files.readAllLines(Path.of(keysFile)))
                    if (!line.isBlank() && !line.strip().startsWith("#")) keys.add(line.strip());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read sdk-keys-file " + keysFile, e);
            }
        }
        return new RelaySettings(
                URI.create(trimSlash(source.get("upstream", ""))),
                keys,
                Path.of(source.get("data-dir", "relay-data")),
                source.get("host", "0.0.0.0"),
                Integer.parseInt(source.get("port", environment.getOrDefault("PORT", "8070"))),
                Duration.ofMillis(Long.parseLong(source.get("heartbeat-millis", "15000"))),
                Long.parseLong(source.get("max-pending-bytes", String.valueOf(1024 * 1024))),
                Long.parseLong(source.get("history-bytes", String.valueOf(8 * 1024 * 1024))),
                Duration.ofSeconds(Long.parseLong(source.get("key-revalidation-seconds", "60"))),
                Duration.ofSeconds(Long.parseLong(source.get("upstream-idle-timeout-seconds", "45"))),
                Duration.ofMillis(Long.parseLong(source.get("max-backoff-millis", "30000"))),
                Duration.ofMillis(Long.parseLong(source.get("event-linger-millis", "500"))),
                Integer.parseInt(source.get("shared-max-age", "1")),
                Integer.parseInt(source.get("stale-if-error", "86400")),
                list(source.get("cors-allowed-origins", "*")),
                Integer.parseInt(source.get("io-threads", "0")),
                Boolean.parseBoolean(source.get("fsync", "true")),
                Duration.ofHours(Long.parseLong(source.get("idempotency-window-hours", "24"))));
    }

    private record Source(Map<String, String> options, Map<String, String> environment) {
        String get(String name, String fallback) {
            String option = options.get(name);
            if (option != null) return option;
            String variable = environment.get("FLAGLEDGER_RELAY_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
            return variable != null ? variable : fallback;
        }
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

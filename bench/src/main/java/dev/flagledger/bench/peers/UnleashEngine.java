package dev.flagledger.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.getunleash.DefaultUnleash;
import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.repository.ToggleBootstrapFileProvider;
import io.getunleash.util.UnleashConfig;
import io.getunleash.variant.Variant;

/**
 * The Unleash Java client (its Yggdrasil engine), bootstrapped from a file, with polling and
 * metrics off: it never contacts a server. Its backup file is a fresh temporary path, because
 * the client prefers a backup over the bootstrap and the default backup lives in the shared temp
 * directory.
 */
final class UnleashEngine implements Engine {
    static final String NAME = "unleash";

    private final Unleash unleash;
    private final Path backup;
    private UnleashContext[] contexts;

    UnleashEngine(Path file) {
        try {
            backup = Files.createTempFile("unleash-bench-backup", ".json");
            Files.delete(backup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UnleashConfig config = UnleashConfig.builder()
                .appName("flagledger-bench")
                .instanceId("bench")
                // Never contacted: polling and metrics are disabled; loopback in case that changes.
                .unleashAPI("http://127.0.0.1:9/api/")
                .disablePolling()
                .disableMetrics()
                .backupFile(backup.toString())
                .toggleBootstrapProvider(new ToggleBootstrapFileProvider(file.toString()))
                .build();
        unleash = new DefaultUnleash(config);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void prepare(List<Person> people) {
        contexts = new UnleashContext[people.size()];
        for (int i = 0; i < contexts.length; i++) {
            Person p = people.get(i);
            contexts[i] = UnleashContext.builder()
                    .userId(p.key())
                    .addProperty("email", p.email())
                    .addProperty("country", p.country())
                    .addProperty("plan", p.plan())
                    .addProperty("seats", Integer.toString(p.seats()))
                    .addProperty("age", Integer.toString(p.age()))
                    .addProperty("platform", p.platform())
                    .addProperty("appVersion", p.appVersion())
                    .build();
        }
    }

    @Override
    public String string(String flagKey, int index) {
        Variant variant = unleash.getVariant(flagKey, contexts[index]);
        return variant.isEnabled() ? variant.getName() : FELL_BACK;
    }

    @Override
    public boolean bool(String flagKey, int index) {
        return unleash.isEnabled(flagKey, contexts[index]);
    }

    @Override
    public void close() {
        unleash.shutdown();
        try {
            Files.deleteIfExists(backup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

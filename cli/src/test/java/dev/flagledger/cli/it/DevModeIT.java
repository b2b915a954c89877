package dev.flagledger.cli.it;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.openfeature.contrib.providers.ofrep.OfrepProvider;
import dev.openfeature.contrib.providers.ofrep.OfrepProviderOptions;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, acceptance 4: {@code flagledger dev} (the built jar) serves a flag file over OFREP and
 * SSE with no login, and an edit of the file changes what an OpenFeature client sees within one
 * second, measured from the moment the edited file is in place to the first answer that shows it.
 */
class DevModeIT {
    private static final String FILE = """
            version: 1
            project:
              key: shop
              environments:
                - key: development
                - key: production
            flags:
              - key: new-checkout
                type: boolean
                variations:
                  - key: "on"
                    value: true
                  - key: "off"
                    value: false
                environments:
                  development:
                    enabled: %s
                    defaultVariation: "on"
                    offVariation: "off"
                    targeting:
                      rules:
                        - id: dutch
                          clauses:
                            - attribute: country
                              operator: in
                              values: [NL]
                          serve:
                            variation: "off"
            """;

    @TempDir
    Path directory;

    @Test
    void editing_the_file_changes_what_an_openfeature_client_sees_within_one_second() throws Exception {
        Path flags = directory.resolve("flags.yaml");
        Files.writeString(flags, FILE.formatted("false"));
        try (CliProcess.Background dev = new CliProcess.Background(directory, "dev", flags.toString(), "--port", "0")) {
            String started = dev.await("flagledger dev: serving", Duration.ofMinutes(3));
            Matcher url = Pattern.compile("on (http://[^ ]+)").matcher(started);
            assertThat(url.find()).as(started).isTrue();
            String base = url.group(1);

            OpenFeatureAPI api = OpenFeatureAPI.getInstance();
            api.setProviderAndWait("dev-mode", OfrepProvider.constructProvider(OfrepProviderOptions.builder().baseUrl(base)
                    .headers(ImmutableMap.of("Authorization", ImmutableList.of("Bearer any-key-works"))).build()));
            Client client = api.getClient("dev-mode");
            MutableContext german = new MutableContext("user-1").add("country", "DE");
            FlagEvaluationDetails<Boolean> before = client.getBooleanDetails("new-checkout", true, german);
            assertThat(before.getValue()).isFalse();
            assertThat(before.getReason()).isEqualTo("DISABLED");

            // The SSE stream of local-evaluation SDKs: a put first, then a patch for the edit.
            BlockingQueue<String> events = stream(base + "/sdk/v1/stream");
            assertThat(next(events, "event:put", Duration.ofSeconds(30))).isNotNull();

            // Write beside, then move into place: the edit appears at one instant, as an editor's save does.
            Path edited = directory.resolve("flags.yaml.tmp");
            Files.writeString(edited, FILE.formatted("true"));
            Files.move(edited, flags, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            long saved = System.nanoTime();
            boolean seen = false;
            while (!seen && System.nanoTime() - saved < TimeUnit.SECONDS.toNanos(5)) {
                seen = client.getBooleanValue("new-checkout", false, german);
                if (!seen) Thread.sleep(10);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - saved);
            System.out.println("DevModeIT: the OpenFeature client saw the edit " + millis + " ms after the save");
            assertThat(seen).as("the edit reached the client").isTrue();
            assertThat(millis).as("milliseconds from save to the client seeing it").isLessThan(1_000);

            String patch = next(events, "\"kind\":\"flag\",\"key\":\"new-checkout\"", Duration.ofSeconds(5));
            assertThat(patch).as("the stream's patch of the flag").contains("\"enabled\":true");
            // Rules still apply: a Dutch user gets the rule's variation.
            FlagEvaluationDetails<Boolean> dutch = client.getBooleanDetails("new-checkout", true,
                    new MutableContext("user-2").add("country", "NL"));
            assertThat(dutch.getValue()).isFalse();
            assertThat(dutch.getReason()).isEqualTo("TARGETING_MATCH");

            // A broken edit is reported and the last good file stays served.
            Files.writeString(flags, "version: 1\nflags: [ {key: Bad Key} ]\n");
            dev.await("still serving the last good files", Duration.ofSeconds(30));
            assertThat(client.getBooleanValue("new-checkout", false, german)).isTrue();
            api.shutdown();
        }
    }

    private static BlockingQueue<String> stream(String url) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) lines.add(line);
                }
            } catch (Exception ended) {
                lines.add("closed: " + ended);
            }
        }, "dev-stream");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String next(BlockingQueue<String> lines, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.replace(" ", "").contains(text.replace(" ", ""))) return line;
        }
        throw new AssertionError("no stream line with " + text + " within " + timeout);
    }
}

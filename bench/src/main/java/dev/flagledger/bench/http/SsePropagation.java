package dev.flagledger.bench.http;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.flagledger.bench.http.ProductionToggles.percentile;

/**
 * Change-to-client propagation over the SDK stream (issue 9): N open {@code /sdk/v1/stream}
 * connections, then T toggles of one flag through GraphQL, one after another; for each toggle, the
 * time from sending the mutation to each stream's {@code patch} event for that flag. One process,
 * one clock, so no skew. bench/sse-propagation.sh starts the server and calls this.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.flagledger.bench.http.SsePropagation
 *      BASE_URL SDK_KEY ADMIN_PASSWORD PROJECT FLAG STREAMS TOGGLES</pre>
 */
public final class SsePropagation {
    private final String base;
    private final String sdkKey;
    private final ProductionToggles admin;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    private SsePropagation(String base, String sdkKey, String adminPassword) {
        this.base = base;
        this.sdkKey = sdkKey;
        this.admin = new ProductionToggles(base, adminPassword);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: SsePropagation BASE_URL SDK_KEY ADMIN_PASSWORD PROJECT FLAG STREAMS TOGGLES");
            System.exit(2);
        }
        new SsePropagation(args[0], args[1], args[2])
                .run(args[3], args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]));
    }

    /** One open stream: records when the patch for the watched flag arrives. */
    private static final class Stream implements Flow.Subscriber<String> {
        private final String flag;
        private final CountDownLatch opened;
        private volatile CountDownLatch arrived = new CountDownLatch(1);
        private volatile long arrivedAt;
        private volatile boolean sawPut;
        private String event = "";
        private Flow.Subscription subscription;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Stream(String flag, CountDownLatch opened) {
            this.flag = flag;
            this.opened = opened;
        }

        void expectNext() {
            arrived = new CountDownLatch(1);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (event.equals("put") && !sawPut) {
                    sawPut = true;
                    opened.countDown();
                } else if (event.equals("patch")) {
                    long now = System.nanoTime();
                    JsonObject patch = JsonParser.parseString(line.substring(5).strip()).getAsJsonObject();
                    if (flag.equals(patch.get("key").getAsString())) {
                        arrivedAt = now;
                        arrived.countDown();
                    }
                }
            } else if (line.isEmpty()) {
                event = "";
            }
        }

        @Override
        public void onError(Throwable throwable) {
            failure.set(throwable);
        }

        @Override
        public void onComplete() {
            failure.compareAndSet(null, new IllegalStateException("stream ended"));
        }

        void cancel() {
            if (subscription != null) subscription.cancel();
        }
    }

    private void run(String project, String flag, int streams, int toggles) throws Exception {
        CountDownLatch opened = new CountDownLatch(streams);
        List<Stream> open = new ArrayList<>();
        List<CompletableFuture<HttpResponse<Void>>> responses = new ArrayList<>();
        long openStart = System.nanoTime();
        for (int i = 0; i < streams; i++) {
            Stream stream = new Stream(flag, opened);
            open.add(stream);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/sdk/v1/stream"))
                    .header("Authorization", "Bearer " + sdkKey).header("Accept", "text/event-stream").GET().build();
            responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(stream)));
        }
        if (!opened.await(180, TimeUnit.SECONDS))
            throw new IllegalStateException((streams - opened.getCount()) + " of " + streams + " streams opened in 180 s");
        System.out.printf(Locale.ROOT, "# %d streams open after %.1f s%n", streams,
                (System.nanoTime() - openStart) / 1e9);

        long version = admin.version(project, flag);
        boolean enabled = admin.enabled(project, flag);
        List<Double> all = new ArrayList<>();
        List<Double> lastPerToggle = new ArrayList<>();
        List<Double> ackPerToggle = new ArrayList<>();
        for (int t = 0; t < toggles; t++) {
            open.forEach(Stream::expectNext);
            enabled = !enabled;
            long sent = System.nanoTime();
            version = admin.toggle(project, flag, version, enabled);
            ackPerToggle.add((System.nanoTime() - sent) / 1e6);
            double last = 0;
            for (Stream stream : open) {
                if (!stream.arrived.await(30, TimeUnit.SECONDS))
                    throw new IllegalStateException("a stream missed toggle " + t + ": " + stream.failure.get());
                double ms = (stream.arrivedAt - sent) / 1e6;
                all.add(ms);
                last = Math.max(last, ms);
            }
            lastPerToggle.add(last);
            Thread.sleep(200); // let the fan-out settle before the next change
        }
        open.forEach(Stream::cancel);
        responses.forEach(response -> response.cancel(true));

        System.out.printf(Locale.ROOT, "RESULT streams=%d toggles=%d samples=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f"
                        + " p999_ms=%.2f max_ms=%.2f last_stream_p50_ms=%.2f mutation_ack_p50_ms=%.2f%n",
                streams, toggles, all.size(), percentile(all, 50), percentile(all, 90), percentile(all, 99),
                percentile(all, 99.9), percentile(all, 100), percentile(lastPerToggle, 50), percentile(ackPerToggle, 50));
        System.exit(0);
    }
}

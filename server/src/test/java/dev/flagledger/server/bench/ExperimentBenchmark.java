package dev.flagledger.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 11, acceptance 7, in one run against one store (bench/experiments-bench.sh):
 * <ol>
 *   <li>ingestion: {@code ingest} events (exposures of new units and 10 % conversions) through
 *       {@code POST /sdk/v1/events} in batches of 500 from {@code clients} concurrent clients, events/s;</li>
 *   <li>the store is then filled to {@code stored} raw events (10 million by default) with SQL, together
 *       with the per-unit aggregates those events would have produced ({@code units} units);</li>
 *   <li>results-query latency: {@code experimentResults} over GraphQL, median and p95 of {@code calls} calls;
 *       and the peer in the same run: the same per-arm conversion counts computed by scanning the raw
 *       events (what results would cost without per-unit aggregates).</li>
 * </ol>
 * Not a test: run it by hand (docs/BENCHMARKS.md).
 */
public final class ExperimentBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String store = System.getProperty("store", "h2");
        int ingest = Integer.getInteger("ingest", 100_000);
        int clients = Integer.getInteger("clients", 2);
        long stored = Long.getLong("stored", 10_000_000L);
        int units = Integer.getInteger("units", 1_000_000);
        int calls = Integer.getInteger("calls", 20);
        System.out.printf("Experiment benchmark on %s: ingest %,d events with %d clients, then %,d stored events over"
                        + " %,d units; max heap %d MB, %d cores, load average %.2f%n", store, ingest, clients, stored, units,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Results results = new Results();
        try (BenchServer server = BenchServer.start(store, "experiment", Map.of("flagledger.sdk.rate-limit.enabled", "false"))) {
            int port = server.port();
            ConfigurableApplicationContext app = server.app;
            String base = "http://localhost:" + port;
            String key = setUp(base);
            results.put("ingestion, " + clients + " clients, batches of 500", ingestion(base, key, ingest, clients));
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            fill(jdbc, store, stored, units);
            results.put("stored raw events", String.format("%,d", jdbc.queryForObject("select count(*) from sdk_event", Long.class)));
            results.put("units in the experiment", String.format("%,d", jdbc.queryForObject("select count(*) from experiment_unit", Long.class)));
            List<Double> aggregated = new ArrayList<>();
            for (int i = 0; i < calls + 3; i++) {
                long started = System.nanoTime();
                JsonNode data = graphql(base, "{ experimentResults(projectKey: \"bench\", key: \"bench-exp\") { verdict"
                        + " exposures { units } metrics { arms { verdict } } } }");
                if (data.path("experimentResults").isMissingNode()) throw new IllegalStateException(data.toString());
                if (i >= 3) aggregated.add((System.nanoTime() - started) / 1e6);
            }
            results.put("experimentResults (GraphQL, per-unit aggregates)", String.format("median %.0f ms, p95 %.0f ms (%d calls)",
                    median(aggregated), p95(aggregated), aggregated.size()));
            List<Double> raw = new ArrayList<>();
            for (int i = 0; i < Math.max(3, calls / 4) + 1; i++) {
                long started = System.nanoTime();
                jdbc.queryForList("""
                        select x.variant, count(*), sum(case when c.context_key is not null then 1 else 0 end)
                        from (select context_key, min(variant) variant, min(occurred_at) first_at from sdk_event
                              where project_key = 'bench' and environment = 'staging' and kind = 'exposure'
                              and flag_key = 'bench-flag' group by context_key) x
                        left join (select distinct context_key from sdk_event where project_key = 'bench'
                                   and environment = 'staging' and kind = 'custom' and event_name = 'buy') c
                          on c.context_key = x.context_key
                        group by x.variant""");
                if (i >= 1) raw.add((System.nanoTime() - started) / 1e6);
            }
            double ratio = median(raw) / median(aggregated);
            results.put("peer: conversions per arm by scanning raw events (SQL only)", String.format(
                    "median %.0f ms, p95 %.0f ms (%d calls); %.0fx the aggregated results query", median(raw), p95(raw),
                    raw.size(), ratio));
        }
        System.out.printf("%nResults (%s, load average now %.2f)%n", store,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        results.print();
    }

    private static String setUp(String base) throws Exception {
        graphql(base, "mutation { createProject(input: {key: \"bench\", name: \"Bench\"}) { project { key } } }");
        graphql(base, "mutation { createFlag(input: {projectKey: \"bench\", key: \"bench-flag\", name: \"b\", valueType: STRING,"
                + " variations: [{key: \"a\", value: \"a\"}, {key: \"b\", value: \"b\"}]}) { flag { key } } }");
        graphql(base, "mutation { toggleFlag(input: {projectKey: \"bench\", key: \"bench-flag\", environment: \"staging\","
                + " enabled: true, expectedVersion: 0}) { flag { version } } }");
        graphql(base, "mutation { defineMetric(input: {projectKey: \"bench\", key: \"buy\", name: \"Buy\", kind: CONVERSION,"
                + " eventName: \"buy\", windowHours: 72, direction: HIGHER_IS_BETTER}) { metric { key } } }");
        graphql(base, "mutation { defineMetric(input: {projectKey: \"bench\", key: \"revenue\", name: \"Revenue\", kind: MEAN,"
                + " eventName: \"buy\", direction: HIGHER_IS_BETTER, capPercentile: 99}) { metric { key } } }");
        graphql(base, "mutation { createExperiment(input: {projectKey: \"bench\", key: \"bench-exp\", definition: {name: \"b\","
                + " hypothesis: \"h\", flagKey: \"bench-flag\", environment: \"staging\", arms: [{variation: \"a\", weight: 50000},"
                + " {variation: \"b\", weight: 50000}], primaryMetric: \"buy\", guardrailMetrics: [\"revenue\"]}}) { experiment { key } } }");
        graphql(base, "mutation { startExperiment(input: {projectKey: \"bench\", key: \"bench-exp\", environment: \"staging\","
                + " expectedVersion: 0}) { experiment { status } } }");
        String secret = graphql(base, "mutation { createSdkKey(input: {projectKey: \"bench\", environment: \"staging\","
                + " kind: SERVER, name: \"bench\"}) { secret } }").path("createSdkKey").path("secret").asText();
        for (int i = 0; i < 200 && post(base, secret, "{\"events\":[{\"kind\":\"custom\",\"name\":\"warm\",\"timestamp\":\""
                + Instant.now() + "\"}]}").statusCode() != 202; i++) Thread.sleep(50);
        return secret;
    }

    private static String ingestion(String base, String key, int events, int clients) throws Exception {
        List<String> batches = new ArrayList<>();
        Instant now = Instant.now();
        StringBuilder batch = new StringBuilder();
        int inBatch = 0;
        for (int i = 0, unit = 0; i < events; i++) {
            String event;
            if (i % 10 == 9) {
                event = "{\"kind\":\"custom\",\"name\":\"buy\",\"value\":" + (10 + i % 90) + ",\"contextKey\":\"i" + (unit - 1)
                        + "\",\"timestamp\":\"" + now + "\"}";
            } else {
                event = "{\"kind\":\"exposure\",\"flagKey\":\"bench-flag\",\"variant\":\"" + (unit % 2 == 0 ? "a" : "b")
                        + "\",\"reason\":\"SPLIT\",\"ruleId\":\"exp-bench-exp\",\"contextKey\":\"i" + unit++
                        + "\",\"timestamp\":\"" + now + "\"}";
            }
            batch.append(inBatch == 0 ? "" : ",").append(event);
            if (++inBatch == 500 || i == events - 1) {
                batches.add("{\"events\":[" + batch + "]}");
                batch.setLength(0);
                inBatch = 0;
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++)
            running.add(pool.submit(() -> {
                for (int b; (b = next.getAndIncrement()) < batches.size(); ) {
                    HttpResponse<String> response = post(base, key, batches.get(b));
                    if (response.statusCode() != 202) throw new IllegalStateException(response.body());
                }
                return null;
            }));
        for (Future<?> future : running) future.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return String.format("%,.0f events/s (%,d events in %.1f s)", events / seconds, events, seconds);
    }

    /**
     * Raw events up to {@code stored} (exposures of {@code units} units, then custom events spread over them) and
     * the aggregates they imply, written with SQL in bulk: the pipeline's own speed is what the ingestion
     * figure measures; this only makes the store as large as the acceptance asks.
     */
    private static void fill(JdbcTemplate jdbc, String store, long stored, int units) {
        long have = jdbc.queryForObject("select count(*) from sdk_event", Long.class);
        long missing = Math.max(0, stored - have);
        String experiment = jdbc.queryForObject("select experiment_id from experiment_view where experiment_key = 'bench-exp'",
                String.class);
        long started = System.nanoTime();
        String range = store.equals("postgres") ? "generate_series(1, %d) as r(x)" : "system_range(1, %d) r";
        int chunk = 500_000;
        for (long done = 0; done < missing; done += chunk) {
            long n = Math.min(chunk, missing - done);
            long offset = done;
            jdbc.update(("insert into sdk_event (project_key, environment, sdk_key_id, kind, flag_key, variant, reason,"
                    + " rule_id, event_name, numeric_value, context_key, occurred_at, received_at, idempotency_key)"
                    + " select 'bench', 'staging', 'bulk', case when mod(x + %d, 10) < 3 then 'exposure' else 'custom' end,"
                    + " case when mod(x + %d, 10) < 3 then 'bench-flag' end,"
                    + " case when mod(x + %d, 10) < 3 then case when mod(x + %d, 2) = 0 then 'a' else 'b' end end,"
                    + " case when mod(x + %d, 10) < 3 then 'SPLIT' end, case when mod(x + %d, 10) < 3 then 'exp-bench-exp' end,"
                    + " case when mod(x + %d, 10) < 3 then null else 'buy' end, case when mod(x + %d, 10) < 3 then null else 20.0 end,"
                    + " concat('u', mod(x + %d, %d)), current_timestamp, current_timestamp, concat('bulk:', x + %d) from " + range)
                    .formatted(offset, offset, offset, offset, offset, offset, offset, offset, offset, units, offset, n));
            System.out.printf("  stored %,d of %,d bulk events%n", done + n, missing);
        }
        jdbc.update(("insert into experiment_unit (experiment_id, unit_key, arm, period, first_exposure_at, switched)"
                + " select ?, concat('u', x - 1), case when mod(x, 2) = 0 then 'a' else 'b' end, 0, current_timestamp, false"
                + " from " + range).formatted(units), experiment);
        for (String metric : List.of("buy", "revenue"))
            jdbc.update(("insert into experiment_unit_metric (experiment_id, metric_key, unit_key, arm, period, metric_value,"
                    + " denominator, pre_value) select ?, ?, concat('u', x - 1), case when mod(x, 2) = 0 then 'a' else 'b' end, 0,"
                    + " case when ? = 'buy' then 1 else mod(x, 97) + 1 end, 0, 0 from " + range + " where mod(x, 10) < 3")
                    .formatted(units), experiment, metric, metric);
        System.out.printf("Filled in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static JsonNode graphql(String base, String query) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .timeout(Duration.ofMinutes(10)).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + BenchServer.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (body.has("errors")) throw new IllegalStateException(body.toString());
        return body.path("data");
    }

    private static HttpResponse<String> post(String base, String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/sdk/v1/events")).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double p95(List<Double> values) {
        return percentile(values, 0.95);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }
}

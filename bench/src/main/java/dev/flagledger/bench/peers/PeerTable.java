package dev.flagledger.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Turns the JSON of a {@link PeerComparisonBenchmark} run into the Markdown table of
 * docs/BENCHMARKS.md: per workload and engine ns/op, ops/s, bytes allocated per op, and each
 * engine's ratio to ours (time and allocation), plus the acceptance verdict on the 5-rule workload.
 *
 * <p>Usage: {@code PeerTable results.json [header lines...]} (bench/jmh.sh passes date and load).
 */
public final class PeerTable {
    private static final String OURS = FlagledgerEngine.NAME;
    private static final List<String> WORKLOADS = List.of("plainBoolean", "fiveRules", "bulk100");

    record Row(double nanos, double error, double bytes) {
    }

    private PeerTable() {
    }

    public static void main(String[] args) throws IOException {
        JsonArray results = JsonParser.parseString(Files.readString(Path.of(args[0]))).getAsJsonArray();
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < args.length; i++) {
            out.append(args[i]).append("\n\n");
        }
        out.append(render(read(results)));
        System.out.print(out);
    }

    /** workload -> engine -> row, in the order of {@link #WORKLOADS} and {@link Engine#NAMES}. */
    static Map<String, Map<String, Row>> read(JsonArray results) {
        Map<String, Map<String, Row>> table = new LinkedHashMap<>();
        for (String workload : WORKLOADS) {
            table.put(workload, new LinkedHashMap<>());
        }
        for (JsonElement element : results) {
            JsonObject result = element.getAsJsonObject();
            String benchmark = result.get("benchmark").getAsString();
            String workload = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String engine = result.getAsJsonObject("params").get("engine").getAsString();
            JsonObject primary = result.getAsJsonObject("primaryMetric");
            JsonObject secondary = result.getAsJsonObject("secondaryMetrics");
            double bytes = secondary != null && secondary.has("gc.alloc.rate.norm")
                    ? secondary.getAsJsonObject("gc.alloc.rate.norm").get("score").getAsDouble() : Double.NaN;
            double error = primary.get("scoreError").isJsonPrimitive() && !"NaN".equals(primary.get("scoreError").getAsString())
                    ? primary.get("scoreError").getAsDouble() : Double.NaN;
            table.computeIfAbsent(workload, w -> new LinkedHashMap<>())
                    .put(engine, new Row(primary.get("score").getAsDouble(), error, bytes));
        }
        for (Map.Entry<String, Map<String, Row>> entry : table.entrySet()) {
            Map<String, Row> ordered = new LinkedHashMap<>();
            for (String name : Engine.NAMES) {
                if (entry.getValue().containsKey(name)) {
                    ordered.put(name, entry.getValue().get(name));
                }
            }
            entry.setValue(ordered);
        }
        return table;
    }

    static String render(Map<String, Map<String, Row>> table) {
        StringBuilder out = new StringBuilder();
        out.append("| workload | engine | ns/op (± 99.9 %) | ops/s | bytes/op | time vs ours | bytes vs ours |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        List<String> verdicts = new ArrayList<>();
        for (Map.Entry<String, Map<String, Row>> entry : table.entrySet()) {
            Row ours = entry.getValue().get(OURS);
            for (Map.Entry<String, Row> engine : entry.getValue().entrySet()) {
                Row row = engine.getValue();
                boolean isOurs = engine.getKey().equals(OURS);
                out.append(String.format(Locale.ROOT, "| %s | %s | %s ± %s | %s | %s | %s | %s |%n",
                        entry.getKey(), isOurs ? "**" + OURS + "**" : engine.getKey(),
                        number(row.nanos(), 1), number(row.error(), 1), number(1e9 / row.nanos(), 0),
                        number(row.bytes(), 0),
                        ours == null ? "" : isOurs ? "1.00×" : ratio(row.nanos() / ours.nanos()),
                        ours == null ? "" : isOurs ? "1.00×" : bytesRatio(row.bytes(), ours.bytes())));
            }
            if (ours != null) {
                verdicts.add(verdict(entry.getKey(), ours, entry.getValue()));
            }
        }
        out.append('\n');
        verdicts.forEach(v -> out.append("- ").append(v).append('\n'));
        for (Map.Entry<String, Map<String, Row>> entry : table.entrySet()) {
            Row ours = entry.getValue().get(OpenFeatureClientEngine.FLAGLEDGER);
            Row flagd = entry.getValue().get(OpenFeatureClientEngine.FLAGD);
            if (ours != null && flagd != null) {
                out.append(String.format(Locale.ROOT, "- %s through the OpenFeature client: our provider %s ns/op, %s B/op;"
                                + " flagd's provider %s ns/op, %s B/op; ours is %.2f× as fast%n", entry.getKey(),
                        number(ours.nanos(), 1), number(ours.bytes(), 0), number(flagd.nanos(), 1),
                        number(flagd.bytes(), 0), flagd.nanos() / ours.nanos()));
            }
        }
        return out.toString();
    }

    /** "time vs ours" is peer ns/op over ours: 3.0× means the peer takes three times as long. */
    private static String verdict(String workload, Row ours, Map<String, Row> engines) {
        String fastest = null;
        for (Map.Entry<String, Row> engine : engines.entrySet()) {
            // Peers are the other products' evaluators; our provider is ours too.
            if (!engine.getKey().startsWith(OURS)
                    && (fastest == null || engine.getValue().nanos() < engines.get(fastest).nanos())) {
                fastest = engine.getKey();
            }
        }
        if (fastest == null) {
            return workload + ": no peer measured";
        }
        Row peer = engines.get(fastest);
        double speedup = peer.nanos() / ours.nanos();
        boolean allocatesLess = ours.bytes() < peer.bytes();
        return String.format(Locale.ROOT, "%s: fastest peer %s; ours is %.2f× as fast and allocates %s B/op vs %s B/op%s",
                workload, fastest, speedup, number(ours.bytes(), 0), number(peer.bytes(), 0),
                "fiveRules".equals(workload)
                        ? (speedup >= 2 && allocatesLess ? " — acceptance (≥ 2× and less allocation): **met**"
                        : " — acceptance (≥ 2× and less allocation): **not met**")
                        : "");
    }

    /** Under 8 B/op (less than one object header) ours allocates nothing on the path: no ratio to show. */
    private static String bytesRatio(double peer, double ours) {
        return ours < 8 ? "ours ≈ 0" : ratio(peer / ours);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, "%.2f×", value);
    }

    private static String number(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value).replace(',', ' ');
    }
}

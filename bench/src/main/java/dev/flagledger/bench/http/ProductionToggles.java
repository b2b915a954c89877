package dev.flagledger.bench.http;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** The GraphQL calls the stream benchmarks make as the admin: read a flag, toggle it in production. */
final class ProductionToggles {
    private final String base;
    private final String basicAuth;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    ProductionToggles(String base, String adminPassword) {
        this.base = base;
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                .getBytes(StandardCharsets.UTF_8));
    }

    long version(String project, String flag) throws Exception {
        return graphql("{ flag(projectKey: \"" + project + "\", key: \"" + flag + "\") { version } }")
                .getAsJsonObject("flag").get("version").getAsLong();
    }

    boolean enabled(String project, String flag) throws Exception {
        return graphql("{ flag(projectKey: \"" + project + "\", key: \"" + flag + "\") { environment(key: \"production\")"
                + " { enabled } } }").getAsJsonObject("flag").getAsJsonObject("environment").get("enabled").getAsBoolean();
    }

    /** Toggles the flag in production; returns its new version once the mutation answered. */
    long toggle(String project, String flag, long expectedVersion, boolean enabled) throws Exception {
        return graphql("mutation { toggleFlag(input: {projectKey: \"" + project + "\", key: \"" + flag
                + "\", environment: \"production\", enabled: " + enabled + ", expectedVersion: " + expectedVersion
                + ", reason: \"stream benchmark\"}) { flag { version } } }")
                .getAsJsonObject("toggleFlag").getAsJsonObject("flag").get("version").getAsLong();
    }

    private JsonObject graphql(String query) throws Exception {
        JsonObject body = new JsonObject();
        body.addProperty("query", query);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .header("Authorization", basicAuth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        JsonObject json = JsonParser.parseString(response.body()).getAsJsonObject();
        if (json.has("errors")) throw new IllegalStateException("GraphQL error: " + response.body());
        return json.getAsJsonObject("data");
    }

    /** The p-th percentile (nearest rank) of some samples; NaN for none. */
    static double percentile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) return Double.NaN;
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}

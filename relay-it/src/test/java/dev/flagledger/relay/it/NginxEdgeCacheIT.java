package dev.flagledger.relay.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.server.support.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nginx configuration of docs/relay.md (docs/nginx/flagledger-relay.conf), run by Debian's nginx in
 * front of a relay: it caches the config download and bulk evaluations per key (and per context),
 * revalidates them with the relay's ETags, shows a change within the relay's s-maxage, lets the
 * stream through unbuffered, and keeps answering from its cache when the relay is gone. nginx is
 * installed by scripts/ensure-nginx.sh (Maven runs it before the ITs); without it this test fails.
 */
class NginxEdgeCacheIT {
    private static final String PROJECT = "edge";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static Upstream upstream;
    private static RelayProcess relay;
    private static Process nginx;
    private static Path nginxHome;
    private static String edge;
    private static String serverKey;
    /** A second server key for the caching test alone: its cache entries are its own, whatever runs first. */
    private static String cachingKey;
    private static String clientKey;
    private static String foreignKey;

    @BeforeAll
    static void start(@TempDir Path home) throws Exception {
        assertThat(NGINX).as("Debian's nginx (scripts/ensure-nginx.sh installs it)").isExecutable();
        upstream = Upstream.shared();
        upstream.project(PROJECT);
        serverKey = upstream.key(PROJECT, "SERVER");
        cachingKey = upstream.key(PROJECT, "SERVER");
        clientKey = upstream.key(PROJECT, "CLIENT");
        upstream.project(PROJECT + "-other");
        foreignKey = upstream.key(PROJECT + "-other", "CLIENT");
        relay = RelayProcess.start(home.resolve("relay"), ServerProcess.freePort(), upstream.baseUrl(), List.of(serverKey), "128m");
        nginxHome = home.resolve("nginx");
        int port = ServerProcess.freePort();
        edge = "http://127.0.0.1:" + port;
        nginx = startNginx(nginxHome, port, relay.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(20, TimeUnit.SECONDS)) nginx.destroyForcibly();
        }
        if (relay != null) relay.close();
    }

    /** The documented file with this test's relay, port and cache directory, inside a minimal nginx.conf. */
    private static Process startNginx(Path dir, int port, int relayPort) throws Exception {
        Path documented = Path.of(System.getProperty("flagledger.nginx.config", "../docs/nginx/flagledger-relay.conf"));
        for (String sub : List.of("cache", "temp")) Files.createDirectories(dir.resolve(sub));
        String site = Files.readString(documented)
                .replace("server relay:8070;", "server 127.0.0.1:" + relayPort + ";")
                .replace("listen 8090;", "listen 127.0.0.1:" + port + ";")
                .replace("/var/cache/nginx/flagledger", dir.resolve("cache").toString());
        assertThat(site).as("the placeholders the test replaces are in the documented file")
                .contains("127.0.0.1:" + relayPort).contains("listen 127.0.0.1:" + port).contains(dir.resolve("cache").toString());
        Files.writeString(dir.resolve("relay.conf"), site);
        String temp = dir.resolve("temp").toString();
        Files.writeString(dir.resolve("nginx.conf"), (System.getProperty("user.name").equals("root") ? "user root;\n" : "")
                + "daemon off;\nworker_processes 1;\npid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("error.log")
                + " info;\nevents { worker_connections 1024; }\nhttp {\n  access_log " + dir.resolve("access.log") + ";\n"
                + "  client_body_temp_path " + temp + "/body;\n  proxy_temp_path " + temp + "/proxy;\n"
                + "  fastcgi_temp_path " + temp + "/fastcgi;\n  uwsgi_temp_path " + temp + "/uwsgi;\n"
                + "  scgi_temp_path " + temp + "/scgi;\n  include " + dir.resolve("relay.conf") + ";\n}\n");
        Process process = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("nginx exited:\n" + Files.readString(dir.resolve("stdout.log"))
                    + Files.readString(dir.resolve("error.log")));
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return process;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port);
    }

    private static HttpResponse<String> config(String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(edge + "/sdk/v1/config")).header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> bulk(String key, String targetingKey) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(edge + "/ofrep/v1/evaluate/flags"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"context\":{\"targetingKey\":\"" + targetingKey + "\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String cacheStatus(HttpResponse<String> response) {
        return response.headers().firstValue("X-Cache-Status").orElse("none");
    }

    @Test
    void the_config_and_bulk_answers_are_cached_per_key_and_context_and_revalidated_by_etag() throws Exception {
        HttpResponse<String> first = config(cachingKey);
        HttpResponse<String> second = config(cachingKey);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(cacheStatus(first)).isEqualTo("MISS");
        assertThat(cacheStatus(second)).isEqualTo("HIT");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));

        // Past s-maxage (nginx counts whole seconds, so up to 2 s): it asks the relay with If-None-Match, gets 304.
        Thread.sleep(2_100);
        HttpResponse<String> revalidated = config(cachingKey);
        assertThat(cacheStatus(revalidated)).isEqualTo("REVALIDATED");
        assertThat(revalidated.body()).isEqualTo(first.body());

        HttpResponse<String> alice = bulk(clientKey, "alice");
        assertThat(alice.statusCode()).as(alice.body()).isEqualTo(200);
        assertThat(cacheStatus(alice)).isEqualTo("MISS");
        assertThat(cacheStatus(bulk(clientKey, "alice"))).isEqualTo("HIT");
        assertThat(cacheStatus(bulk(clientKey, "bob"))).as("another context").isEqualTo("MISS");
        HttpResponse<String> foreign = bulk(foreignKey, "alice");
        assertThat(cacheStatus(foreign)).as("another key never gets this key's entry").isEqualTo("MISS");
        assertThat(foreign.statusCode()).as("this relay does not serve the other project").isEqualTo(403);
    }

    @Test
    void a_change_shows_through_the_cache_within_its_shared_max_age_and_streams_pass_through_unbuffered() throws Exception {
        assertThat(config(serverKey).statusCode()).isEqualTo(200);
        assertThat(bulk(clientKey, "carol").statusCode()).isEqualTo(200);
        String etag = config(serverKey).headers().firstValue("ETag").orElseThrow();
        long before = upstream.position(serverKey);
        try (SseClient stream = SseClient.open(edge + "/sdk/v1/stream", serverKey, null)) {
            assertThat(stream.awaitPosition(before, Duration.ofSeconds(30))).isNotNull();
            boolean on = !JSON.readTree(bulk(clientKey, "carol").body()).path("flags").get(0).path("value").asBoolean();

            upstream.toggle(PROJECT, "checkout", on);
            long stored = System.nanoTime();

            SseClient.Received patch = stream.awaitPosition(before + 1, Duration.ofSeconds(10));
            assertThat(patch).as("the patch came through nginx").isNotNull();
            assertThat(Duration.ofNanos(patch.atNanos() - stored)).as("not held back by a buffer")
                    .isLessThanOrEqualTo(Duration.ofSeconds(1));
            long deadline = stored + Duration.ofSeconds(3).toNanos();
            boolean seen = false;
            while (!seen && System.nanoTime() < deadline) {
                seen = JSON.readTree(bulk(clientKey, "carol").body()).path("flags").get(0).path("value").asBoolean() == on
                        && !config(serverKey).headers().firstValue("ETag").orElse(etag).equals(etag);
                if (!seen) Thread.sleep(100);
            }
            System.out.printf("through nginx: patch %d ms after the mutation returned; cached answers current %d ms after%n",
                    Duration.ofNanos(patch.atNanos() - stored).toMillis(), Duration.ofNanos(System.nanoTime() - stored).toMillis());
            assertThat(seen).as("the cached config and bulk answer follow the change within s-maxage (1 s) and a"
                    + " revalidation").isTrue();
        }
    }

    @Test
    void with_the_relay_gone_nginx_keeps_answering_from_its_cache() throws Exception {
        RelayProcess lonely = RelayProcess.start(nginxHome.resolveSibling("lonely-relay"), ServerProcess.freePort(),
                upstream.baseUrl(), List.of(serverKey), "128m");
        int port = ServerProcess.freePort();
        Process lonelyEdge = startNginx(nginxHome.resolveSibling("lonely-nginx"), port, lonely.port());
        try {
            HttpResponse<String> fresh = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sdk/v1/config"))
                    .header("Authorization", "Bearer " + serverKey).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fresh.statusCode()).isEqualTo(200);
            lonely.kill();
            // Fresh for s-maxage (up to 2 s in nginx's whole seconds), then served stale for want of a relay.
            HttpResponse<String> stale = fresh;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (cacheStatus(stale).matches("MISS|HIT") && System.nanoTime() < deadline) {
                Thread.sleep(250);
                stale = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sdk/v1/config"))
                        .header("Authorization", "Bearer " + serverKey).GET().build(), HttpResponse.BodyHandlers.ofString());
            }
            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(cacheStatus(stale)).isEqualTo("STALE");
            assertThat(stale.body()).isEqualTo(fresh.body());
        } finally {
            lonelyEdge.destroy();
            if (!lonelyEdge.waitFor(20, TimeUnit.SECONDS)) lonelyEdge.destroyForcibly();
            lonely.close();
        }
    }
}

package dev.flagledger.relay.keys;

import com.sun.net.httpserver.HttpServer;
import dev.flagledger.relay.upstream.UpstreamClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key cache's rules against a stand-in for the upstream's {@code GET /sdk/v1/key} (an HTTP server
 * in the test that accepts the keys it is told to): which answers make a key work, keep working, or
 * stop working. The relay against the real server is in relay-it.
 */
class KeyCacheTest {
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger asked = new AtomicInteger();
    private HttpServer upstream;
    private URI url;

    @BeforeEach
    void upstream() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/sdk/v1/key", exchange -> {
            asked.incrementAndGet();
            String secret = exchange.getRequestHeaders().getFirst("Authorization").substring(7);
            byte[] body = ("{\"id\":\"id-" + Integer.toHexString(secret.hashCode()) + "\",\"projectKey\":\"shop\",\"environment\":\"staging\",\"kind\":\"CLIENT\"}")
                    .getBytes(StandardCharsets.UTF_8);
            if (accepted.contains(secret)) {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(401, -1);
            }
            exchange.close();
        });
        upstream.start();
        url = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
    }

    private KeyCache cache(Path dir, Duration revalidation) throws Exception {
        return new KeyCache(new UpstreamClient(url), dir.resolve("keys.json"), revalidation, Clock.systemUTC());
    }

    @Test
    void a_key_the_upstream_accepted_keeps_working_while_it_is_down_also_after_a_restart(@TempDir Path dir) throws Exception {
        accepted.add("flcli_good");
        try (KeyCache keys = cache(dir, Duration.ofMinutes(1))) {
            assertThat(keys.lookup("flcli_good").get()).isInstanceOf(KeyCache.Lookup.Valid.class);
        }
        upstream.stop(0);
        try (KeyCache keys = cache(dir, Duration.ZERO)) {
            KeyCache.Lookup lookup = keys.lookup("flcli_good").get();
            assertThat(lookup).isInstanceOf(KeyCache.Lookup.Valid.class);
            assertThat(((KeyCache.Lookup.Valid) lookup).grant().environment().environment()).isEqualTo("staging");
            assertThat(keys.validate("flcli_good").get()).as("an unreachable upstream does not revoke")
                    .isInstanceOf(KeyCache.Lookup.Valid.class);
            assertThat(keys.lookup("flcli_never_seen").get()).isInstanceOf(KeyCache.Lookup.Unavailable.class);
        }
        assertThat(Files.readString(dir.resolve("keys.json"))).doesNotContain("flcli_good")
                .contains(KeyCache.hash("flcli_good"));
    }

    @Test
    void a_key_the_upstream_stops_accepting_is_forgotten_at_its_next_revalidation(@TempDir Path dir) throws Exception {
        accepted.add("flcli_revoked");
        try (KeyCache keys = cache(dir, Duration.ZERO)) {
            assertThat(keys.lookup("flcli_revoked").get()).isInstanceOf(KeyCache.Lookup.Valid.class);
            accepted.remove("flcli_revoked");

            assertThat(keys.validate("flcli_revoked").get()).isInstanceOf(KeyCache.Lookup.Refused.class);
            assertThat(keys.lookup("flcli_revoked").get()).isInstanceOf(KeyCache.Lookup.Refused.class);
            assertThat(keys.cached("flcli_revoked")).isEmpty();
        }
    }

    @Test
    void an_unknown_key_is_asked_about_once_and_its_refusal_remembered(@TempDir Path dir) throws Exception {
        try (KeyCache keys = cache(dir, Duration.ofMinutes(1))) {
            for (int i = 0; i < 5; i++)
                assertThat(keys.lookup("flsrv_random").get()).isInstanceOf(KeyCache.Lookup.Refused.class);
            assertThat(asked.get()).isEqualTo(1);
        }
    }
}

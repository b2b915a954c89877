package dev.flagledger.relay.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.relay.Json;
import dev.flagledger.relay.environment.EnvironmentId;
import dev.flagledger.relay.keys.KeyGrant;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The relay's calls to its upstream (a server, or a relay nearer the core): who a key is, the
 * change stream of one environment, and event batches. HTTP/1.1 only: both kinds of upstream speak
 * it, and an SSE stream wants one plain long-lived response.
 */
public final class UpstreamClient {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private final URI base;
    private final HttpClient http;

    public UpstreamClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    /** The upstream's answer about a key. */
    public sealed interface Identity {
        record Valid(KeyGrant grant) implements Identity {
        }

        /** 401 or 403: the upstream does not (or no longer) accept the key. */
        record Refused(int status) implements Identity {
        }

        /** No answer (down, 5xx, 429): the relay cannot tell, so it keeps what it knew. */
        record Unavailable(String problem) implements Identity {
        }
    }

    public CompletableFuture<Identity> identify(String secret) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(base.getPath() + "/sdk/v1/key")).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + secret).header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
            if (failure != null) return new Identity.Unavailable(String.valueOf(failure.getMessage()));
            int status = response.statusCode();
            if (status == 401 || status == 403) return new Identity.Refused(status);
            if (status != 200) return new Identity.Unavailable("GET /sdk/v1/key answered " + status);
            try {
                JsonNode body = Json.tree(response.body());
                return new Identity.Valid(new KeyGrant(body.path("id").asText(), new EnvironmentId(
                        body.path("projectKey").asText(), body.path("environment").asText()), body.path("kind").asText()));
            } catch (RuntimeException malformed) {
                return new Identity.Unavailable("GET /sdk/v1/key answered something unreadable: " + malformed.getMessage());
            }
        });
    }

    /** Opens {@code GET /sdk/v1/stream}; the caller reads (and closes) the body. */
    public HttpResponse<InputStream> openStream(String secret, Long lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(base.getPath() + "/sdk/v1/stream"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + secret).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) request.header("Last-Event-ID", Long.toString(lastEventId));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The upstream's answer to one event batch. */
    public record Delivery(int status, String body, Duration retryAfter) {
        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    public Delivery postEvents(String secret, String idempotencyKey, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(base.getPath() + "/sdk/v1/events")).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(UpstreamClient::seconds).orElse(null);
        return new Delivery(response.statusCode(), response.body(), retryAfter);
    }

    private static java.util.Optional<Duration> seconds(String value) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
        } catch (NumberFormatException notSeconds) {
            return java.util.Optional.empty();
        }
    }
}

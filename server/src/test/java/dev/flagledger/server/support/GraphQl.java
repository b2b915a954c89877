package dev.flagledger.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A plain HTTP GraphQL client: the same one drives the in-process server and the real jar. It sends
 * each request once: a mutation whose connection dies is an exception for the caller to count as a
 * lost answer, never resent behind its back (GraphQlClientTest). HTTP/1.1, without the h2c upgrade
 * the JDK client would otherwise offer on every new connection.
 */
public final class GraphQl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String authorization;
    private final Map<String, String> headers;

    private GraphQl(URI endpoint, String authorization) {
        this(endpoint, authorization, Map.of());
    }

    private GraphQl(URI endpoint, String authorization, Map<String, String> headers) {
        this.endpoint = endpoint;
        this.authorization = authorization;
        this.headers = Map.copyOf(headers);
    }

    public static GraphQl at(String baseUrl, String username, String password) {
        return new GraphQl(URI.create(baseUrl + "/graphql"), "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** A client that sends {@code Authorization: Bearer <token>}. */
    public static GraphQl withBearer(String baseUrl, String token) {
        return new GraphQl(URI.create(baseUrl + "/graphql"), "Bearer " + token);
    }

    public GraphQl anonymous() {
        return new GraphQl(endpoint, null);
    }

    /** The same caller sending these headers too (e.g. {@code X-Flagledger-Ticket}, as the CLI's apply does). */
    public GraphQl withHeaders(Map<String, String> extra) {
        return new GraphQl(endpoint, authorization, extra);
    }

    /** Sends a document with variables; answers the parsed body whatever the status. */
    public Response execute(String document, Map<String, Object> variables) {
        try {
            return raw(JSON.writeValueAsString(Map.of("query", document, "variables", variables)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response execute(String document) {
        return execute(document, Map.of());
    }

    public Response raw(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) request.header("Authorization", authorization);
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, JsonNode body) {
        public JsonNode data(String path) {
            JsonNode node = body.path("data");
            for (String part : path.split("\\.")) node = node.path(part);
            if (node.isMissingNode())
                throw new AssertionError("no data at " + path + " in " + body);
            return node;
        }

        /** The {@code extensions.code} of the first error, or null when there is none. */
        public String errorCode() {
            JsonNode errors = body.path("errors");
            return errors.isArray() && !errors.isEmpty() ? errors.get(0).path("extensions").path("code").asText(null) : null;
        }

        public boolean ok() {
            return status == 200 && !body.has("errors");
        }
    }
}

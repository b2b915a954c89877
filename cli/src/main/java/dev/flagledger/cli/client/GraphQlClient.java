package dev.flagledger.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.cli.CliException;
import dev.flagledger.cli.ExitCode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The GraphQL API over the JDK's own HTTP client (java.net.http: maintained with the JDK, HTTP/1.1
 * and 2, no extra dependency). Every request says it comes from the CLI; an apply also names the
 * commit and ticket its change belongs to. A GraphQL error becomes a {@link CliException} whose exit
 * code follows its {@code extensions.code}.
 */
public final class GraphQlClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final String authorization;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public GraphQlClient(String server, String token, String user, String password) {
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        try {
            this.endpoint = URI.create(base + "/graphql");
            if (endpoint.getScheme() == null || endpoint.getHost() == null) throw new IllegalArgumentException();
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("--server must be a URL like http://localhost:8080, got " + server);
        }
        if (token != null && !token.isBlank()) authorization = "Bearer " + token.strip();
        else if (password != null && !password.isEmpty())
            authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        else authorization = null;
        headers.put("X-Flagledger-Origin", "cli");
    }

    /** Adds a header to every later request (origin, commit, ticket). */
    public GraphQlClient header(String name, String value) {
        if (value != null) headers.put(name, value);
        return this;
    }

    /** Runs a document; answers {@code data}, or throws with the first error's message and code. */
    public JsonNode execute(String document, Map<String, Object> variables) {
        if (authorization == null)
            throw new CliException(ExitCode.UNAUTHENTICATED,
                    "no credentials: pass --token (or FLAGLEDGER_TOKEN), or --user/--password (FLAGLEDGER_PASSWORD)");
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("query", document, "variables", variables));
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "cannot encode the request: " + e.getMessage(), e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException(ExitCode.UNREACHABLE, "cannot reach " + endpoint + " (" + e.getClass().getSimpleName() + ")");
        } catch (IOException e) {
            throw new CliException(ExitCode.UNREACHABLE, "cannot reach " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "interrupted");
        }
        JsonNode json;
        try {
            json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "the server answered " + response.statusCode() + " with no JSON: "
                    + abbreviate(response.body()));
        }
        JsonNode errors = json.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            String code = first.path("extensions").path("code").asText(null);
            if (code == null && response.statusCode() == 401) code = "UNAUTHENTICATED";
            throw new CliException(ExitCode.forErrorCode(code),
                    (code == null ? "" : code + ": ") + first.path("message").asText("request failed"));
        }
        if (response.statusCode() == 401) throw new CliException(ExitCode.UNAUTHENTICATED, "UNAUTHENTICATED: credentials refused");
        if (response.statusCode() == 403) throw new CliException(ExitCode.FORBIDDEN, "FORBIDDEN: access denied");
        if (response.statusCode() != 200)
            throw new CliException(ExitCode.ERROR, "the server answered HTTP " + response.statusCode());
        return json.path("data");
    }

    public JsonNode execute(String document) {
        return execute(document, Map.of());
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}

package dev.flagledger.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flagledger.privacy.signing.HmacSignatures;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.OnH2;
import dev.flagledger.server.support.ServerSpec;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SDK keys that ask for it must sign every request the same way webhooks are signed (docs/webhooks.md):
 * HMAC-SHA256 over a timestamp, the request line and the body, with a secret that never travels.
 */
@OnH2
class SignedSdkRequestsOnH2Test extends ServerSpec {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EVALUATE = "/ofrep/v1/evaluate/flags/signed";
    private static final String BODY = "{\"context\":{\"targetingKey\":\"user-1\"}}";

    @Test
    void a_key_that_requires_signatures_refuses_unsigned_altered_moved_and_stale_requests() throws Exception {
        createBooleanFlag("signed");
        JsonNode created = createKey(true);
        String key = created.path("secret").asText();
        String signing = created.path("signingSecret").asText();
        assertThat(signing).startsWith("flsig_");
        assertThat(created.path("key").path("signedRequests").asBoolean()).isTrue();

        assertThat(post(EVALUATE, key, BODY, null).statusCode()).isEqualTo(401);
        HttpResponse<String> unsigned = post(EVALUATE, key, BODY, null);
        assertThat(unsigned.headers().firstValue("WWW-Authenticate")).contains("Flagledger-Signature");
        assertThat(unsigned.body()).contains("is missing");

        String signature = sign(signing, "POST", EVALUATE, BODY, Instant.now());
        assertThat(post(EVALUATE, key, BODY, signature).statusCode()).isEqualTo(200);
        assertThat(post(EVALUATE, key, BODY.replace("user-1", "user-2"), signature).body())
                .as("an altered body").contains("does not match");
        assertThat(post("/ofrep/v1/evaluate/flags", key, BODY, signature).statusCode()).as("moved to another path")
                .isEqualTo(401);
        assertThat(post(EVALUATE, key, BODY, sign(signing, "POST", EVALUATE, BODY, Instant.now().minusSeconds(400))).body())
                .as("replayed after the tolerance").contains("too old");
        assertThat(post(EVALUATE, key, BODY, sign("flsig_" + "x".repeat(43), "POST", EVALUATE, BODY, Instant.now()))
                .statusCode()).as("another secret").isEqualTo(401);
        HttpResponse<String> get = send(HttpRequest.newBuilder(uri("/sdk/v1/config")).GET(), key,
                sign(signing, "GET", "/sdk/v1/config", "", Instant.now()));
        assertThat(get.statusCode()).as("a signed GET (empty body)").isEqualTo(200);
    }

    @Test
    void requiring_signatures_later_switches_a_key_over_and_rotates_its_secret() throws Exception {
        createBooleanFlag("signed");
        JsonNode created = createKey(false);
        String key = created.path("secret").asText();
        assertThat(created.path("signingSecret").isNull()).isTrue();
        assertThat(post(EVALUATE, key, BODY, null).statusCode()).as("an ordinary key needs no signature").isEqualTo(200);

        GraphQl.Response required = graphql.execute("""
                mutation($input: RequireSdkKeySigningInput!) { requireSdkKeySigning(input: $input) {
                  signingSecret key { signedRequests } } }""", Map.of("input", Map.of("projectKey", project,
                "environment", "staging", "id", created.path("key").path("id").asText(), "reason", "harden")));
        assertThat(required.ok()).as(required.body().toString()).isTrue();
        String signing = required.data("requireSdkKeySigning.signingSecret").asText();

        assertThat(post(EVALUATE, key, BODY, null).statusCode()).isEqualTo(401);
        assertThat(post(EVALUATE, key, BODY, sign(signing, "POST", EVALUATE, BODY, Instant.now())).statusCode()).isEqualTo(200);
        GraphQl.Response elsewhere = graphql.execute("""
                mutation($input: RequireSdkKeySigningInput!) { requireSdkKeySigning(input: $input) { signingSecret } }""",
                Map.of("input", Map.of("projectKey", project, "environment", "production",
                        "id", created.path("key").path("id").asText(), "reason", "x")));
        assertThat(elsewhere.errorCode()).isEqualTo("NOT_FOUND");
    }

    /**
     * Signed requests are server only (docs/webhooks.md, "Through a relay"): a relay checks an application's
     * key with an unsigned {@code GET /sdk/v1/key} under that key (relay's UpstreamClient.identify), and
     * treats 401/403 as refused (KeyCacheTest). A key that requires signatures must therefore be refused
     * there, so it fails closed at a relay instead of working unsigned through it.
     */
    @Test
    void a_relay_cannot_take_a_key_that_requires_signatures() throws Exception {
        String signedKey = createKey(true).path("secret").asText();
        String plainKey = createKey(false).path("secret").asText();
        assertThat(send(identify(), plainKey, null).statusCode()).as("an ordinary key: the relay learns its environment")
                .isEqualTo(200);
        HttpResponse<String> refused = send(identify(), signedKey, null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refused.body()).doesNotContain("\"environment\"");
    }

    /** The relay's key check, as UpstreamClient.identify sends it. */
    private HttpRequest.Builder identify() {
        return HttpRequest.newBuilder(uri("/sdk/v1/key")).header("Accept", "application/json").GET();
    }

    private JsonNode createKey(boolean signed) {
        Map<String, Object> input = new HashMap<>(Map.of("projectKey", project, "environment", "staging", "kind", "SERVER",
                "name", "signed key", "reason", "test", "requireSignedRequests", signed));
        GraphQl.Response response = graphql.execute("""
                mutation($input: CreateSdkKeyInput!) { createSdkKey(input: $input) { secret signingSecret
                  key { id signedRequests } } }""", Map.of("input", input));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("createSdkKey");
    }

    private static String sign(String secret, String method, String path, String body, Instant at) {
        return HmacSignatures.header(secret, at, HmacSignatures.requestBytes(method, path, body.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> post(String path, String key, String body, String signature) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), key, signature);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String key, String signature) throws Exception {
        request.timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + key);
        if (signature != null) request.header(HmacSignatures.HEADER, signature);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}

package dev.flagledger.server.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.flagledger.server.support.GraphQl;
import dev.flagledger.server.support.OnH2;
import dev.flagledger.server.targeting.TargetingServerSpec;
import dev.openfeature.contrib.providers.ofrep.OfrepProvider;
import dev.openfeature.contrib.providers.ofrep.OfrepProviderOptions;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OFREP lets a server answer 429 with Retry-After. With a tiny per-key bucket (burst 2, one request
 * a second) a busy key is refused with OFREP's error body, another key is not, and the key is served
 * again once the time Retry-After named has passed. Its own H2 database: the limit is this context's.
 */
@OnH2
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:flagledger-rate-limit;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000",
        "flagledger.sdk.rate-limit.burst=2",
        "flagledger.sdk.rate-limit.requests-per-second=1"})
class SdkRateLimitOnH2Test extends TargetingServerSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CONTEXT = "{\"context\":{\"targetingKey\":\"u\"}}";
    private String busyKey;
    private String quietKey;

    @BeforeEach
    void flagAndKeys() throws Exception {
        createBooleanFlag("checkout");
        busyKey = createKey();
        quietKey = createKey();
        awaitAdmitted(busyKey);
        awaitAdmitted(quietKey);
        // Each key spent a request becoming usable; let both buckets fill up again.
        Thread.sleep(2_100);
    }

    private String createKey() {
        GraphQl.Response response = graphql.execute("""
                mutation($input: CreateSdkKeyInput!) { createSdkKey(input: $input) { secret } }""",
                Map.of("input", Map.of("projectKey", project, "environment", "staging", "kind", "SERVER",
                        "name", "rate limited", "reason", "test")));
        assertThat(response.ok()).as(response.body().toString()).isTrue();
        return response.data("createSdkKey.secret").asText();
    }

    private HttpResponse<String> send(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + key);
        if (path.startsWith("/ofrep/v1/evaluate"))
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CONTEXT));
        else request.GET();
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitAdmitted(String key) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (send("/ofrep/v1/evaluate/flags/checkout", key).statusCode() == 200) return;
            Thread.sleep(50);
        }
        throw new AssertionError("key never served");
    }

    @Test
    void a_key_past_its_burst_gets_429_with_retry_after_and_an_ofrep_body_then_recovers() throws Exception {
        assertThat(send("/ofrep/v1/evaluate/flags/checkout", busyKey).statusCode()).isEqualTo(200);
        assertThat(send("/ofrep/v1/evaluate/flags", busyKey).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = send("/ofrep/v1/evaluate/flags/checkout", busyKey);
        assertThat(refused.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 2L);
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.path("key").asText()).isEqualTo("checkout");
        assertThat(body.path("errorCode").asText()).isEqualTo("GENERAL");
        assertThat(body.path("errorDetails").asText()).contains("rate limit");

        HttpResponse<String> bulk = send("/ofrep/v1/evaluate/flags", busyKey);
        assertThat(bulk.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(bulk.body()).path("errorCode").asText()).isEqualTo("GENERAL");
        HttpResponse<String> config = send("/sdk/v1/config", busyKey);
        assertThat(config.statusCode()).isEqualTo(429);
        assertThat(config.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(config.headers().firstValue("Retry-After")).isPresent();

        // The limit is per key: another key of the same environment is still served.
        assertThat(send("/ofrep/v1/evaluate/flags/checkout", quietKey).statusCode()).isEqualTo(200);

        Thread.sleep(retryAfter * 1000 + 100);
        HttpResponse<String> recovered = send("/ofrep/v1/evaluate/flags/checkout", busyKey);
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(recovered.body()).path("value").asBoolean()).isFalse();
    }

    @Test
    void the_openfeature_ofrep_provider_reads_the_429_as_a_general_error_and_backs_off() throws Exception {
        OpenFeatureAPI api = OpenFeatureAPI.getInstance();
        api.setProviderAndWait("rate-limited", OfrepProvider.constructProvider(OfrepProviderOptions.builder()
                .baseUrl("http://localhost:" + port)
                .headers(ImmutableMap.of("Authorization", ImmutableList.of("Bearer " + busyKey))).build()));
        try {
            var client = api.getClient("rate-limited");
            MutableContext user = new MutableContext("u");
            assertThat(client.getBooleanDetails("checkout", true, user).getReason()).isEqualTo("DISABLED");
            // The bucket holds 2 and refills one a second: on a slow machine a call may find a refilled
            // token, so call until one is refused (a handful of calls inside a few seconds always is).
            FlagEvaluationDetails<Boolean> limited = client.getBooleanDetails("checkout", true, user);
            for (int call = 0; call < 10 && limited.getErrorCode() == null; call++)
                limited = client.getBooleanDetails("checkout", true, user);
            assertThat(limited.getValue()).isTrue();
            assertThat(limited.getErrorCode()).isEqualTo(ErrorCode.GENERAL);
            assertThat(limited.getErrorMessage()).contains("Rate limit exceeded");
        } finally {
            api.getProvider("rate-limited").shutdown();
        }
    }
}

package dev.flagledger.openfeature;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EventDetails;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.MutableTrackingEventDetails;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider against {@link ProtocolServer}: the protocol's happy path and the faults the real
 * server does not produce on demand (down at start, 500s, malformed configs, a missing stream
 * endpoint, a silent stream), always through an OpenFeature client, as an application uses it.
 */
class FlagledgerProviderTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final String domain = "test-" + UUID.randomUUID();
    private final List<EventDetails> changes = new CopyOnWriteArrayList<>();
    private final List<EventDetails> staleEvents = new CopyOnWriteArrayList<>();
    private final List<EventDetails> readyEvents = new CopyOnWriteArrayList<>();
    private ProtocolServer server;
    private FlagledgerProvider provider;
    private Client client;

    static String flag(String served) {
        return "{\"valueType\":\"boolean\",\"enabled\":true,\"variations\":{\"on\":true,\"off\":false},"
                + "\"offVariation\":\"off\",\"fallthrough\":{\"variant\":\"" + served + "\"}}";
    }

    static String config(String served) {
        return "{\"flags\":{\"checkout\":" + flag(served) + ",\"limit\":{\"valueType\":\"number\",\"enabled\":true,"
                + "\"variations\":{\"small\":10,\"fraction\":2.5},\"fallthrough\":{\"variant\":\"small\"}},"
                + "\"theme\":{\"valueType\":\"json\",\"enabled\":true,\"variations\":{\"dark\":{\"mode\":\"dark\",\"columns\":[1,2]}},"
                + "\"fallthrough\":{\"variant\":\"dark\"}}},\"segments\":{}}";
    }

    @AfterEach
    void shutDown() {
        if (provider != null) provider.shutdown();
        if (server != null) server.close();
    }

    private Client start(FlagledgerOptions.Builder options) {
        provider = new FlagledgerProvider(options.build());
        OpenFeatureAPI api = OpenFeatureAPI.getInstance();
        api.setProviderAndWait(domain, provider);
        client = api.getClient(domain);
        client.onProviderConfigurationChanged(changes::add);
        client.onProviderStale(staleEvents::add);
        client.onProviderReady(readyEvents::add);
        return client;
    }

    private FlagledgerOptions.Builder options() {
        return FlagledgerOptions.builder().url(server.url()).sdkKey("flsrv_test")
                .events(new FlagledgerOptions.EventOptions(true, 100, Duration.ofHours(1), 1_000));
    }

    private FlagEvaluationDetails<Boolean> checkout(String user) {
        return client.getBooleanDetails("checkout", false, new ImmutableContext(user));
    }

    @Test
    void a_put_then_a_patch_change_what_the_client_sees_and_the_change_names_the_flag() throws Exception {
        server = new ProtocolServer(config("off"));
        start(options());
        assertThat(checkout("u1").getValue()).isFalse();
        assertThat(checkout("u1").getReason()).isEqualTo("DEFAULT");

        server.patchFlag("checkout", flag("on"));
        eventually("the patch is applied", () -> checkout("u1").getValue());
        eventually("ConfigurationChanged names the flag", () -> changes.stream()
                .anyMatch(change -> change.getFlagsChanged().equals(List.of("checkout"))));

        server.patchFlag("checkout", "null");
        eventually("a removed flag is not found", () -> checkout("u1").getErrorCode() == ErrorCode.FLAG_NOT_FOUND);
    }

    @Test
    void a_reconnect_resumes_with_the_last_event_id_and_gets_only_what_it_missed() throws Exception {
        server = new ProtocolServer(config("off"));
        start(options());
        server.patchFlag("checkout", flag("on"));
        eventually("the patch is applied", () -> checkout("u1").getValue());

        server.closeStreams();
        eventually("the stream is reopened", () -> server.streamRequests.get() >= 2 && server.openStreams() == 1);
        assertThat(server.lastEventIds).containsExactly("", "2");
        server.patchFlag("checkout", flag("off"));
        eventually("a patch on the resumed stream is applied", () -> !checkout("u1").getValue());
        assertThat(checkout("u1").getReason()).isEqualTo("DEFAULT");
    }

    @Test
    void server_down_at_start_serves_defaults_after_the_startup_timeout_and_real_values_once_it_is_up() throws Exception {
        int port = freePort();
        long started = System.nanoTime();
        start(FlagledgerOptions.builder().url("http://127.0.0.1:" + port).sdkKey("flsrv_test")
                .startupTimeout(Duration.ofMillis(700)).events(FlagledgerOptions.EventOptions.DISABLED));
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(waitedMillis).as("setProviderAndWait returned after the start-up timeout").isBetween(600L, 10_000L);

        FlagEvaluationDetails<Boolean> before = checkout("u1");
        assertThat(before.getValue()).isFalse();
        assertThat(before.getReason()).isEqualTo("ERROR");
        assertThat(before.getErrorCode()).isEqualTo(ErrorCode.PROVIDER_NOT_READY);
        assertThat(client.getBooleanValue("checkout", true, new ImmutableContext("u1"))).as("the caller's default").isTrue();

        server = new ProtocolServer(port, config("on"));
        eventually("values once the server is up", () -> checkout("u1").getValue());
        assertThat(checkout("u1").getReason()).isEqualTo("DEFAULT");
        eventually("READY is announced when the first config arrives", () -> !readyEvents.isEmpty());
    }

    @Test
    void answers_of_500_after_a_config_serve_the_last_known_good_value_as_stale_until_the_server_recovers() throws Exception {
        server = new ProtocolServer(config("on"));
        start(options().mode(FlagledgerOptions.Mode.POLLING).pollInterval(Duration.ofMillis(100)));
        assertThat(checkout("u1").getValue()).isTrue();

        server.failWith = 500;
        eventually("STALE once the server fails", () -> FlagledgerProvider.STALE.equals(checkout("u1").getReason()));
        FlagEvaluationDetails<Boolean> stale = checkout("u1");
        assertThat(stale.getValue()).as("the last known good value").isTrue();
        assertThat(stale.getVariant()).isEqualTo("on");
        assertThat(stale.getErrorCode()).isNull();
        assertThat(stale.getFlagMetadata().getString("servedReason")).isEqualTo("DEFAULT");
        assertThat(stale.getFlagMetadata().getString("staleReason")).contains("500");
        eventually("PROVIDER_STALE is emitted", () -> !staleEvents.isEmpty());

        server.failWith = 0;
        eventually("normal reasons once it recovers", () -> "DEFAULT".equals(checkout("u1").getReason()));
    }

    @Test
    void a_stream_cut_while_the_server_answers_500_serves_the_last_known_good_value_as_stale() throws Exception {
        server = new ProtocolServer(config("on"));
        start(options());
        server.failWith = 500;
        server.closeStreams();
        eventually("STALE while the stream cannot be reopened", () -> FlagledgerProvider.STALE.equals(checkout("u1").getReason()));
        assertThat(checkout("u1").getValue()).isTrue();

        server.failWith = 0;
        eventually("current again after reconnecting", () -> "DEFAULT".equals(checkout("u1").getReason()));
    }

    @Test
    void a_malformed_put_keeps_the_last_good_config_and_the_stream_is_reopened_for_a_clean_put() throws Exception {
        server = new ProtocolServer(config("on"));
        start(options());
        server.streamPutOverride = "{not json";
        server.send("put", "7", "{not json");
        eventually("STALE after a malformed put", () -> FlagledgerProvider.STALE.equals(checkout("u1").getReason()));
        assertThat(checkout("u1").getValue()).as("the last good config").isTrue();
        eventually("reconnected without Last-Event-ID", () -> server.lastEventIds.size() >= 2);
        assertThat(server.lastEventIds.get(1)).as("a clean put is asked for").isEmpty();

        server.streamPutOverride = null;
        server.config = config("off");
        server.closeStreams();
        eventually("a good put replaces it", () -> "DEFAULT".equals(checkout("u1").getReason()) && !checkout("u1").getValue());
    }

    @Test
    void a_malformed_config_at_start_serves_defaults_until_a_good_one_arrives() throws Exception {
        server = new ProtocolServer("[1, 2, 3]");
        start(options().startupTimeout(Duration.ofMillis(500)));
        assertThat(checkout("u1").getErrorCode()).isEqualTo(ErrorCode.PROVIDER_NOT_READY);
        assertThat(checkout("u1").getErrorMessage()).contains("not a JSON object");

        server.config = config("on");
        server.closeStreams();
        eventually("the good config serves", () -> checkout("u1").getValue());
    }

    @Test
    void one_malformed_flag_is_a_parse_error_for_that_flag_only() throws Exception {
        server = new ProtocolServer("{\"flags\":{\"checkout\":" + flag("on") + ",\"broken\":{\"valueType\":\"boolean\"}}}");
        start(options());
        assertThat(checkout("u1").getValue()).isTrue();
        FlagEvaluationDetails<Boolean> broken = client.getBooleanDetails("broken", true, new ImmutableContext("u1"));
        assertThat(broken.getErrorCode()).isEqualTo(ErrorCode.PARSE_ERROR);
        assertThat(broken.getValue()).isTrue();
    }

    @Test
    void the_circuit_breaker_spaces_out_calls_to_a_failing_server() throws Exception {
        server = new ProtocolServer(config("on"));
        server.failWith = 500;
        start(options().mode(FlagledgerOptions.Mode.POLLING).pollInterval(Duration.ofMillis(20))
                .startupTimeout(Duration.ofMillis(100)));
        Thread.sleep(3_000); // measuring a rate: the window must pass
        // Polling every 20 ms would be about 150 calls; 3 failures open the circuit for 1 s, then 2 s.
        assertThat(server.configRequests.get()).isBetween(3, 12);
    }

    @Test
    void without_a_stream_endpoint_the_config_is_polled_with_its_etag() throws Exception {
        server = new ProtocolServer(config("off"));
        server.streamAvailable = false;
        start(options().pollInterval(Duration.ofMillis(200)));
        assertThat(checkout("u1").getValue()).isFalse();
        eventually("later polls send If-None-Match", () -> server.ifNoneMatch.contains("\"1\""));

        server.config = config("on");
        server.position = 2;
        eventually("a change is seen by polling", () -> checkout("u1").getValue());
        assertThat(server.streamRequests.get()).as("the stream is not retried once known missing").isEqualTo(1);
    }

    @Test
    void a_silent_stream_is_dropped_and_reopened() throws Exception {
        server = new ProtocolServer(config("on"));
        start(options().streamIdleTimeout(Duration.ofMillis(1_500)));
        eventually("a second connection after the first went silent", () -> server.streamRequests.get() >= 2);
        assertThat(server.lastEventIds.get(1)).isEqualTo("1");
    }

    @Test
    void exposures_are_sent_once_per_context_flag_and_variant_in_batches() throws Exception {
        server = new ProtocolServer(config("on"));
        start(options());
        for (int i = 0; i < 50; i++) {
            checkout("u1");
            checkout("u2");
            client.getBooleanDetails("checkout", false, new ImmutableContext());
        }
        client.getIntegerDetails("limit", 0, new ImmutableContext("u1"));
        client.getBooleanDetails("missing", false, new ImmutableContext("u1"));
        provider.flushEvents();

        assertThat(server.eventBatches.get()).isEqualTo(1);
        assertThat(server.exposures()).extracting(e -> e.get("flagKey") + "/" + e.get("variant") + "/" + e.get("contextKey"))
                .containsExactlyInAnyOrder("checkout/on/u1", "checkout/on/u2", "checkout/on/null", "limit/small/u1");
        assertThat(server.exposures().get(0)).containsEntry("reason", "DEFAULT").containsKey("timestamp");
    }

    @Test
    void a_failing_ingestion_endpoint_keeps_events_queued_until_it_accepts_them() throws Exception {
        server = new ProtocolServer(config("on"));
        start(options());
        server.eventsStatus = 503;
        checkout("u1");
        provider.flushEvents();
        assertThat(server.events).isEmpty();
        server.eventsStatus = 202;
        provider.flushEvents();
        assertThat(server.exposures()).hasSize(1);
    }

    @Test
    void track_sends_a_custom_event_with_its_value_and_details() throws Exception {
        server = new ProtocolServer(config("on"));
        start(options());
        client.track("checkout.completed", new ImmutableContext("u1"),
                new MutableTrackingEventDetails(42.5).add("currency", "EUR"));
        client.track("not a valid name!", new ImmutableContext("u1"));
        provider.flushEvents();
        assertThat(server.events).hasSize(1);
        assertThat(server.events.get(0)).containsEntry("kind", "custom").containsEntry("name", "checkout.completed")
                .containsEntry("value", 42.5).containsEntry("contextKey", "u1")
                .containsEntry("details", Map.of("currency", "EUR"));
    }

    @Test
    void numbers_and_objects_come_back_in_the_requested_type() throws Exception {
        server = new ProtocolServer(config("on"));
        start(options());
        ImmutableContext user = new ImmutableContext("u1");
        assertThat(client.getIntegerValue("limit", 0, user)).isEqualTo(10);
        assertThat(client.getDoubleValue("limit", 0.0, user)).isEqualTo(10.0);
        Value theme = client.getObjectValue("theme", new Value(), user);
        assertThat(theme.asStructure().getValue("mode").asString()).isEqualTo("dark");
        assertThat(theme.asStructure().getValue("columns").asList()).extracting(Value::asInteger).containsExactly(1, 2);
        assertThat(client.getStringDetails("checkout", "x", user).getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
    }

    @Test
    void an_integer_read_of_a_fractional_number_is_a_type_mismatch() throws Exception {
        server = new ProtocolServer("{\"flags\":{\"rate\":{\"valueType\":\"number\",\"enabled\":true,"
                + "\"variations\":{\"fraction\":2.5},\"fallthrough\":{\"variant\":\"fraction\"}}}}");
        start(options());
        FlagEvaluationDetails<Integer> details = client.getIntegerDetails("rate", 7, new ImmutableContext("u1"));
        assertThat(details.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        assertThat(details.getValue()).isEqualTo(7);
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return;
            Thread.sleep(20);
        }
        throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + what);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void with_a_signing_secret_config_stream_and_events_are_signed_and_without_one_a_signing_key_gets_nothing() throws Exception {
        server = new ProtocolServer(config("on"));
        server.signingSecret = "flsig_provider-test";
        start(options().signingSecret("flsig_provider-test").mode(FlagledgerOptions.Mode.POLLING));
        assertThat(checkout("u1").getValue()).as("the signed config download was accepted").isTrue();
        provider.shutdown();
        provider = null;

        assertThat(server.eventBatches.get()).as("the first provider's exposure, sent signed when it shut down")
                .isEqualTo(1);
        start(options().signingSecret("flsig_provider-test"));
        assertThat(checkout("u1").getValue()).as("the signed stream was accepted").isTrue();
        provider.flushEvents();
        assertThat(server.eventBatches.get()).as("the signed event batch was accepted").isEqualTo(2);
        assertThat(server.exposures()).hasSize(2);
        assertThat(server.unsignedRefused.get()).isZero();
        assertThat(server.signedRequests.get()).isGreaterThanOrEqualTo(3);
        provider.shutdown();
        provider = null;

        start(options().startupTimeout(Duration.ofMillis(500)));
        assertThat(checkout("u2").getValue()).as("unsigned: refused, the default serves").isFalse();
        assertThat(server.unsignedRefused.get()).isPositive();
    }
}

package dev.flagledger.relay.it;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.openfeature.contrib.providers.ofrep.OfrepProvider;
import dev.openfeature.contrib.providers.ofrep.OfrepProviderOptions;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.flagledger.server.support.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, acceptance 1 (the OFREP half; the TypeScript Node provider's half is
 * sdk/test/relay.test.ts): a change made through GraphQL reaches an OFREP client we did not write
 * ({@code dev.openfeature.contrib.providers:ofrep}) and a config stream through the relay within one
 * second of the mutation's answer, and through a second relay fed by the first as well. The time
 * is measured from the moment the mutation returned (the change is stored) to the observation.
 */
class ChangePropagationIT {
    private static final String PROJECT = "propagation";
    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final OpenFeatureAPI OPEN_FEATURE = OpenFeatureAPI.getInstance();
    private static Upstream upstream;
    private static RelayProcess core;
    private static RelayProcess regional;
    private static String serverKey;
    private static String clientKey;

    @BeforeAll
    static void relays(@TempDir Path data) throws Exception {
        upstream = Upstream.shared();
        upstream.project(PROJECT);
        serverKey = upstream.key(PROJECT, "SERVER");
        clientKey = upstream.key(PROJECT, "CLIENT");
        core = RelayProcess.start(data.resolve("core"), ServerProcess.freePort(), upstream.baseUrl(), List.of(serverKey), "128m");
        // A relay in a region, fed by the core relay with the same kind of key an application would use.
        regional = RelayProcess.start(data.resolve("regional"), ServerProcess.freePort(), core.baseUrl(), List.of(serverKey), "128m");
    }

    @AfterAll
    static void stop() throws Exception {
        OPEN_FEATURE.shutdown();
        if (regional != null) regional.close();
        if (core != null) core.close();
    }

    private static Client ofrepClient(String domain, String baseUrl) {
        OPEN_FEATURE.setProviderAndWait(domain, OfrepProvider.constructProvider(OfrepProviderOptions.builder()
                .baseUrl(baseUrl)
                .headers(ImmutableMap.of("Authorization", ImmutableList.of("Bearer " + clientKey)))
                .requestTimeout(Duration.ofSeconds(10))
                .build()));
        return OPEN_FEATURE.getClient(domain);
    }

    @Test
    void an_ofrep_client_and_config_streams_on_both_relays_see_a_graphql_change_within_one_second() throws Exception {
        Client ofrep = ofrepClient("relay", core.baseUrl());
        MutableContext user = new MutableContext("user-1");
        long before = upstream.position(serverKey);
        try (SseClient coreStream = SseClient.open(core.baseUrl() + "/sdk/v1/stream", serverKey, null);
             SseClient regionalStream = SseClient.open(regional.baseUrl() + "/sdk/v1/stream", serverKey, null)) {
            assertThat(coreStream.awaitPosition(before, Duration.ofSeconds(30))).as("the core relay's put").isNotNull();
            assertThat(regionalStream.awaitPosition(before, Duration.ofSeconds(30))).as("the regional relay's put").isNotNull();
            assertThat(ofrep.getBooleanValue("checkout", true, user)).as("created off").isFalse();

            long sent = System.nanoTime();
            upstream.toggle(PROJECT, "checkout", true);
            long stored = System.nanoTime();

            long ofrepSaw = -1;
            while (System.nanoTime() - stored < WITHIN.toNanos() * 5 && ofrepSaw < 0) {
                if (ofrep.getBooleanValue("checkout", false, user)) ofrepSaw = System.nanoTime();
                else Thread.sleep(10);
            }
            SseClient.Received corePatch = coreStream.awaitPosition(before + 1, Duration.ofSeconds(5));
            SseClient.Received regionalPatch = regionalStream.awaitPosition(before + 1, Duration.ofSeconds(5));
            System.out.printf("after the mutation returned (sent %d ms before that): OFREP client %d ms, core stream %d ms,"
                            + " regional stream %d ms%n", millis(stored - sent), millis(ofrepSaw - stored),
                    corePatch == null ? -1 : millis(corePatch.atNanos() - stored),
                    regionalPatch == null ? -1 : millis(regionalPatch.atNanos() - stored));

            assertThat(ofrepSaw).as("the OFREP client saw the change").isPositive();
            assertThat(Duration.ofNanos(ofrepSaw - stored)).isLessThanOrEqualTo(WITHIN);
            assertThat(corePatch).isNotNull();
            assertThat(corePatch.name()).isEqualTo("patch");
            assertThat(corePatch.data()).contains("\"enabled\":true");
            assertThat(Duration.ofNanos(corePatch.atNanos() - stored)).isLessThanOrEqualTo(WITHIN);
            assertThat(regionalPatch).isNotNull();
            assertThat(regionalPatch.id()).isEqualTo(corePatch.id());
            assertThat(regionalPatch.data()).isEqualTo(corePatch.data());
            assertThat(Duration.ofNanos(regionalPatch.atNanos() - stored)).isLessThanOrEqualTo(WITHIN);
        }
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}

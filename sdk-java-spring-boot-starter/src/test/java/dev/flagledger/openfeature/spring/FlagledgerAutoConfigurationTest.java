package dev.flagledger.openfeature.spring;

import dev.flagledger.openfeature.FlagledgerOptions;
import dev.flagledger.openfeature.FlagledgerProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FlagledgerAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FlagledgerAutoConfiguration.class));

    @Test
    void without_a_url_or_config_file_nothing_is_wired() {
        runner.run(context -> assertThat(context).doesNotHaveBean(FlagledgerProvider.class).doesNotHaveBean(Client.class));
    }

    @Test
    void a_config_file_gives_a_client_that_serves_its_flags(@TempDir Path directory) throws IOException {
        Path config = directory.resolve("flags.json");
        Files.writeString(config, """
                {"flags": {"new-checkout": {"valueType": "boolean", "enabled": true,
                  "variations": {"on": true, "off": false}, "fallthrough": {"variant": "on"}}}}""");
        runner.withPropertyValues("flagledger.sdk.config-file=" + config, "flagledger.sdk.domain=starter-file")
                .run(context -> {
                    Client client = context.getBean(Client.class);
                    FlagEvaluationDetails<Boolean> details = client.getBooleanDetails("new-checkout", false,
                            new ImmutableContext("user-1"));
                    assertThat(details.getValue()).isTrue();
                    assertThat(details.getReason()).isEqualTo("DEFAULT");
                    assertThat(OpenFeatureAPI.getInstance().getProvider("starter-file"))
                            .isSameAs(context.getBean(FlagledgerProvider.class));
                });
    }

    @Test
    void properties_reach_the_provider_and_an_unreachable_server_does_not_stop_the_application() throws IOException {
        int nobodyListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobodyListens = socket.getLocalPort();
        }
        runner.withPropertyValues("flagledger.sdk.url=http://127.0.0.1:" + nobodyListens + "/",
                        "flagledger.sdk.sdk-key=flsrv_example", "flagledger.sdk.mode=polling",
                        "flagledger.sdk.signing-secret=flsig_example",
                        "flagledger.sdk.poll-interval=7s", "flagledger.sdk.startup-timeout=300ms",
                        "flagledger.sdk.request-timeout=2s", "flagledger.sdk.stream-idle-timeout=1m",
                        "flagledger.sdk.events.batch-size=50", "flagledger.sdk.events.flush-interval=3s",
                        "flagledger.sdk.events.max-queue=200", "flagledger.sdk.domain=starter-url")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    FlagledgerOptions options = context.getBean(FlagledgerProvider.class).options();
                    assertThat(options.url()).hasToString("http://127.0.0.1:" + nobodyListens);
                    assertThat(options.sdkKey()).isEqualTo("flsrv_example");
                    assertThat(options.signingSecret()).isEqualTo("flsig_example");
                    assertThat(options.mode()).isEqualTo(FlagledgerOptions.Mode.POLLING);
                    assertThat(options.pollInterval()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(options.startupTimeout()).isEqualTo(Duration.ofMillis(300));
                    assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(options.streamIdleTimeout()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(options.events()).isEqualTo(new FlagledgerOptions.EventOptions(true, 50,
                            Duration.ofSeconds(3), 200));
                    FlagEvaluationDetails<Boolean> details = context.getBean(Client.class)
                            .getBooleanDetails("new-checkout", true, new ImmutableContext("user-1"));
                    assertThat(details.getValue()).as("the caller's default").isTrue();
                    assertThat(details.getErrorCode()).isEqualTo(ErrorCode.PROVIDER_NOT_READY);
                });
    }

    @Test
    void a_flag_file_serves_the_environment_it_names(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("flags.json");
        Files.writeString(file, """
                {"project": {"key": "shop", "environments": [{"key": "development"}, {"key": "production"}]},
                 "flags": [{"key": "new-checkout", "type": "boolean",
                   "variations": [{"key": "on", "value": true}, {"key": "off", "value": false}],
                   "environments": {"production": {"enabled": true, "defaultVariation": "on"}}}]}""");
        runner.withPropertyValues("flagledger.sdk.flag-file=" + file, "flagledger.sdk.environment=production",
                        "flagledger.sdk.domain=starter-flag-file")
                .run(context -> assertThat(context.getBean(Client.class)
                        .getBooleanValue("new-checkout", false, new ImmutableContext("user-1"))).isTrue());
    }

    @Test
    void a_url_without_a_key_fails_the_start_with_a_message_naming_it() {
        runner.withPropertyValues("flagledger.sdk.url=http://localhost:1")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("sdkKey"));
    }
}

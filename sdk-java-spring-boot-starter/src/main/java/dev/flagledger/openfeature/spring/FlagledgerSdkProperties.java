package dev.flagledger.openfeature.spring;

import dev.flagledger.openfeature.FlagledgerOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code flagledger.sdk.*}: where the provider finds its server (or its config file) and how it
 * keeps the config current. Defaults are {@link FlagledgerOptions.Builder}'s.
 */
@ConfigurationProperties("flagledger.sdk")
public class FlagledgerSdkProperties {
    /** The Flagledger server's base URL, e.g. https://flags.example.com. */
    private String url;
    /** A SERVER key of the environment to evaluate. */
    private String sdkKey;
    /** For a key that requires signed requests: its signing secret (docs/webhooks.md). */
    private String signingSecret;
    /** STREAM (SSE, polling as fallback) or POLLING. */
    private FlagledgerOptions.Mode mode = FlagledgerOptions.Mode.STREAM;
    private Duration pollInterval = Duration.ofSeconds(30);
    /** How long start-up waits for the first config before serving defaults. */
    private Duration startupTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(5);
    private Duration streamIdleTimeout = Duration.ofSeconds(45);
    /** A config JSON file (the /sdk/v1/config format): served until the server answers, or alone without a url. */
    private Path configFile;
    /** A project document (GitOps format, YAML or JSON) served instead of a server, re-read when it changes. */
    private Path flagFile;
    /** With flag-file: the environment to serve (default: the file's first). */
    private String environment;
    /** The OpenFeature domain to bind the provider to; empty for the default provider. */
    private String domain;
    private final Events events = new Events();

    /** {@code flagledger.sdk.events.*}: exposure and track() events. */
    public static class Events {
        private boolean enabled = true;
        private int batchSize = 100;
        private Duration flushInterval = Duration.ofSeconds(10);
        private int maxQueue = 1_000;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getFlushInterval() {
            return flushInterval;
        }

        public void setFlushInterval(Duration flushInterval) {
            this.flushInterval = flushInterval;
        }

        public int getMaxQueue() {
            return maxQueue;
        }

        public void setMaxQueue(int maxQueue) {
            this.maxQueue = maxQueue;
        }
    }

    /** The provider's options; refuses an incomplete configuration with a message naming the property. */
    FlagledgerOptions toOptions() {
        return FlagledgerOptions.builder().url(blankToNull(url)).sdkKey(blankToNull(sdkKey))
                .signingSecret(blankToNull(signingSecret)).mode(mode)
                .pollInterval(pollInterval).startupTimeout(startupTimeout).requestTimeout(requestTimeout)
                .streamIdleTimeout(streamIdleTimeout).configFile(configFile).flagFile(flagFile)
                .environment(blankToNull(environment))
                .events(new FlagledgerOptions.EventOptions(events.enabled, events.batchSize, events.flushInterval,
                        events.maxQueue))
                .build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getSdkKey() {
        return sdkKey;
    }

    public void setSdkKey(String sdkKey) {
        this.sdkKey = sdkKey;
    }

    public String getSigningSecret() {
        return signingSecret;
    }

    public void setSigningSecret(String signingSecret) {
        this.signingSecret = signingSecret;
    }

    public FlagledgerOptions.Mode getMode() {
        return mode;
    }

    public void setMode(FlagledgerOptions.Mode mode) {
        this.mode = mode;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getStartupTimeout() {
        return startupTimeout;
    }

    public void setStartupTimeout(Duration startupTimeout) {
        this.startupTimeout = startupTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getStreamIdleTimeout() {
        return streamIdleTimeout;
    }

    public void setStreamIdleTimeout(Duration streamIdleTimeout) {
        this.streamIdleTimeout = streamIdleTimeout;
    }

    public Path getConfigFile() {
        return configFile;
    }

    public void setConfigFile(Path configFile) {
        this.configFile = configFile;
    }

    public Path getFlagFile() {
        return flagFile;
    }

    public void setFlagFile(Path flagFile) {
        this.flagFile = flagFile;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public Events getEvents() {
        return events;
    }
}

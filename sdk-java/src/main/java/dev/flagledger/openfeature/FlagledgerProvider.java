package dev.flagledger.openfeature;

import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.evaluation.EvaluationResult;
import dev.flagledger.evaluation.model.ValueType;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.TrackingEventDetails;
import dev.openfeature.sdk.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * OpenFeature provider that evaluates locally with the Flagledger engine: the environment's config
 * is downloaded once and kept current over the SSE stream (polling as the fallback), so an
 * evaluation is a function call, not a request.
 *
 * <p>It never throws into the application: before the first config, on any error, and for a flag
 * that serves nothing, the caller's default comes back with a reason and an error code; while the
 * server is unreachable or sends garbage the last good config keeps serving with reason
 * {@code STALE}. Exposures (each context, flag and variant once) and {@code track()} events are
 * sent in batches to {@code /sdk/v1/events}.
 *
 * <pre>{@code
 * OpenFeatureAPI.getInstance().setProviderAndWait(new FlagledgerProvider(FlagledgerOptions.builder()
 *         .url("https://flags.example.com").sdkKey(System.getenv("FLAGLEDGER_SERVER_KEY")).build()));
 * }</pre>
 */
public final class FlagledgerProvider extends EventProvider {
    /** The reason for a last-known-good value (OpenFeature's STALE, which the Java enum lacks). */
    public static final String STALE = "STALE";
    private static final Logger LOG = LoggerFactory.getLogger(FlagledgerProvider.class);
    private static final Metadata METADATA = () -> "flagledger";
    private static final Map<dev.flagledger.evaluation.ErrorCode, ErrorCode> ERRORS = Map.of(
            dev.flagledger.evaluation.ErrorCode.FLAG_NOT_FOUND, ErrorCode.FLAG_NOT_FOUND,
            dev.flagledger.evaluation.ErrorCode.PARSE_ERROR, ErrorCode.PARSE_ERROR,
            dev.flagledger.evaluation.ErrorCode.TYPE_MISMATCH, ErrorCode.TYPE_MISMATCH,
            dev.flagledger.evaluation.ErrorCode.TARGETING_KEY_MISSING, ErrorCode.TARGETING_KEY_MISSING,
            dev.flagledger.evaluation.ErrorCode.INVALID_CONTEXT, ErrorCode.INVALID_CONTEXT,
            dev.flagledger.evaluation.ErrorCode.GENERAL, ErrorCode.GENERAL);

    private final FlagledgerOptions options;
    private final ScheduledExecutorService timer;
    private final ConfigSync sync;
    private final EventTracker tracker;
    private final Object lifecycle = new Object();
    /** initialize() has returned; events may be emitted. */
    private boolean initialized;
    /** initialize() returned without a config: announce READY when it arrives. */
    private boolean awaitingLateConfig;

    public FlagledgerProvider(FlagledgerOptions options) {
        this.options = options;
        HttpClient http = options.httpClient() != null ? options.httpClient()
                : HttpClient.newBuilder().connectTimeout(options.requestTimeout()).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "flagledger-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.sync = new ConfigSync(options, http, timer, new SyncListener());
        this.tracker = new EventTracker(options, http);
    }

    @Override
    public Metadata getMetadata() {
        return METADATA;
    }

    /**
     * Starts syncing and waits for the first config at most {@code startupTimeout}; never throws, so
     * {@code setProviderAndWait} cannot fail. Without a config flags serve the caller's defaults
     * (error code PROVIDER_NOT_READY) until it arrives, and READY is emitted then.
     */
    @Override
    public void initialize(dev.openfeature.sdk.EvaluationContext evaluationContext) {
        try {
            sync.start();
            boolean loaded = sync.awaitFirstConfig(options.startupTimeout());
            synchronized (lifecycle) {
                initialized = true;
                if (!loaded && sync.state() == null) {
                    awaitingLateConfig = true;
                    LOG.warn("flagledger: no config within {} ms ({}); serving defaults until it arrives",
                            options.startupTimeout().toMillis(), sync.lastError() == null ? "no answer" : sync.lastError());
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException unexpected) {
            LOG.warn("flagledger: start-up failed: {}", unexpected.toString());
        }
    }

    /** Stops syncing and sends the events still queued (bounded by the request timeout). */
    @Override
    public void shutdown() {
        try {
            sync.close();
            timer.shutdownNow();
            tracker.close();
        } catch (RuntimeException e) {
            LOG.warn("flagledger: shutdown: {}", e.toString());
        }
        super.shutdown();
    }

    /** The options this provider was built with. */
    public FlagledgerOptions options() {
        return options;
    }

    /** True once a config has been loaded (from the server or the config file). */
    public boolean hasConfig() {
        return sync.state() != null;
    }

    /** Sends queued events now (tests, and before a process exits); returns when done or failed. */
    public void flushEvents() {
        tracker.flush();
    }

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue,
                                                            dev.openfeature.sdk.EvaluationContext ctx) {
        return resolve(key, defaultValue, ctx, ValueType.BOOLEAN, value -> (Boolean) value);
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue,
                                                          dev.openfeature.sdk.EvaluationContext ctx) {
        return resolve(key, defaultValue, ctx, ValueType.STRING, value -> (String) value);
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue,
                                                            dev.openfeature.sdk.EvaluationContext ctx) {
        return resolve(key, defaultValue, ctx, ValueType.NUMBER, OpenFeatureValues::integer);
    }

    @Override
    public ProviderEvaluation<Long> getLongEvaluation(String key, Long defaultValue,
                                                      dev.openfeature.sdk.EvaluationContext ctx) {
        return resolve(key, defaultValue, ctx, ValueType.NUMBER, OpenFeatureValues::longValue);
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue,
                                                          dev.openfeature.sdk.EvaluationContext ctx) {
        return resolve(key, defaultValue, ctx, ValueType.NUMBER, OpenFeatureValues::doubleValue);
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue,
                                                         dev.openfeature.sdk.EvaluationContext ctx) {
        return resolve(key, defaultValue, ctx, ValueType.JSON, OpenFeatureValues::value);
    }

    /** {@code client.track(name, context, details)}: a custom event; details' value is OpenFeature's numeric value. */
    @Override
    public void track(String eventName, dev.openfeature.sdk.EvaluationContext context, TrackingEventDetails details) {
        try {
            Map<String, Object> rest = new LinkedHashMap<>();
            Number value = null;
            if (details != null) {
                value = details.getValue().orElse(null);
                details.asUnmodifiableMap().forEach((field, element) -> {
                    if (!"value".equals(field)) rest.put(field, OpenFeatureValues.plain(element));
                });
            }
            tracker.custom(eventName, context == null ? null : context.getTargetingKey(), value, rest);
        } catch (RuntimeException e) {
            LOG.warn("flagledger: track({}) failed: {}", eventName, e.toString());
        }
    }

    private <T> ProviderEvaluation<T> resolve(String key, T defaultValue, dev.openfeature.sdk.EvaluationContext ctx,
                                              ValueType type, Function<Object, T> convert) {
        try {
            ConfigState state = sync.state();
            if (state == null) {
                String problem = sync.lastError();
                return error(defaultValue, ErrorCode.PROVIDER_NOT_READY,
                        "no config yet" + (problem == null ? "" : ": " + problem), ImmutableMetadata.EMPTY);
            }
            EvaluationContext context = OpenFeatureValues.context(ctx);
            EvaluationResult result = state.config().evaluate(key, type, context);
            if (result.isError()) {
                return error(defaultValue, ERRORS.getOrDefault(result.errorCode(), ErrorCode.GENERAL),
                        result.errorMessage(), OpenFeatureValues.metadata(result.metadata(), Map.of()));
            }
            T value = defaultValue;
            if (result.variant() != null) {
                value = convert.apply(result.value());
                if (value == null && result.value() != null)
                    return error(defaultValue, ErrorCode.TYPE_MISMATCH, "flag " + key + " serves " + result.value()
                            + ", which is not of the requested type", OpenFeatureValues.metadata(result.metadata(), Map.of()));
                if (context.targetingKey() == null || context.targetingKey() instanceof String)
                    tracker.exposure(key, result.variant(), result.reason().name(), (String) context.targetingKey());
            }
            // A config file without a server is what it is; a server or a flag file can fall behind.
            String problem = options.url() == null && options.flagFile() == null ? null : sync.lastError();
            if (problem != null) {
                // The last good config, while the server is unreachable or sends garbage.
                Map<String, Object> extra = new LinkedHashMap<>(ConfigState.extra(result));
                extra.put("servedReason", result.reason().name());
                extra.put("staleReason", problem);
                return new ProviderEvaluation<>(value, result.variant(), STALE, null, null,
                        OpenFeatureValues.metadata(result.metadata(), extra));
            }
            return new ProviderEvaluation<>(value, result.variant(), result.reason().name(), null, null,
                    state.metadataOf(result));
        } catch (RuntimeException unexpected) {
            return error(defaultValue, ErrorCode.GENERAL, unexpected.toString(), ImmutableMetadata.EMPTY);
        }
    }

    private static <T> ProviderEvaluation<T> error(T defaultValue, ErrorCode code, String message, ImmutableMetadata metadata) {
        return new ProviderEvaluation<>(defaultValue, null, "ERROR", code, message, metadata);
    }

    /** Turns what the sync sees into OpenFeature provider events, once initialize() has returned. */
    private final class SyncListener implements ConfigSync.Listener {
        @Override
        public void updated(List<String> changedFlags, boolean first) {
            boolean late;
            synchronized (lifecycle) {
                if (!initialized) return;
                late = first && awaitingLateConfig;
                awaitingLateConfig = false;
            }
            if (late) emitProviderReady(ProviderEventDetails.builder().message("first config received").build());
            if (!changedFlags.isEmpty())
                emitProviderConfigurationChanged(ProviderEventDetails.builder().flagsChanged(changedFlags).build());
        }

        @Override
        public void stale(String problem) {
            synchronized (lifecycle) {
                if (!initialized) return;
            }
            emitProviderStale(ProviderEventDetails.builder().message(problem).build());
        }

        @Override
        public void current() {
            synchronized (lifecycle) {
                if (!initialized) return;
            }
            emitProviderReady(ProviderEventDetails.builder().message("config current again").build());
        }
    }

    @Override
    public String toString() {
        return "FlagledgerProvider[" + (options.url() != null ? options.url()
                : options.flagFile() != null ? options.flagFile() : options.configFile()) + "]";
    }
}

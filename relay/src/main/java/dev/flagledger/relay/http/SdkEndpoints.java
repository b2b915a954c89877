package dev.flagledger.relay.http;

import dev.flagledger.evaluation.EvaluationContext;
import dev.flagledger.relay.environment.EnvironmentId;
import dev.flagledger.relay.environment.EnvironmentState;
import dev.flagledger.relay.environment.EnvironmentView;
import dev.flagledger.relay.environment.Environments;
import dev.flagledger.relay.events.EventSpool;
import dev.flagledger.relay.keys.KeyCache;
import dev.flagledger.relay.keys.KeyGrant;
import dev.flagledger.sdk.events.SdkEvent.InvalidSdkEvent;
import dev.flagledger.sdk.events.SdkEventBatchReader;
import dev.flagledger.sdk.ofrep.BulkEvaluations;
import dev.flagledger.sdk.ofrep.OfrepAnswers;
import dev.flagledger.sdk.ofrep.OfrepContexts;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The endpoints applications use, answered as the server answers them (docs/sdk-api.md): OFREP
 * single and bulk, {@code /sdk/v1/config}, the {@code /sdk/v1/stream} and {@code /sdk/v1/changes}
 * streams, {@code /sdk/v1/events} and {@code /sdk/v1/key}. Keys are checked against the relay's
 * cache (or the upstream, once, for a key never seen); the environment comes only from the key.
 * Everything runs on the connection's event loop and never blocks it.
 */
final class SdkEndpoints {
    private static final String SINGLE = "/ofrep/v1/evaluate/flags/";
    private static final Set<String> CLIENT_SDK_PATHS = Set.of("/sdk/v1/events", "/sdk/v1/changes", "/sdk/v1/key");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Map<String, String> ROUTES = Map.of(
            "/ofrep/v1/evaluate/flags", "POST", "/ofrep/v1/configuration", "GET", "/sdk/v1/config", "GET",
            "/sdk/v1/stream", "GET", "/sdk/v1/changes", "GET", "/sdk/v1/events", "POST", "/sdk/v1/key", "GET");

    private final KeyCache keys;
    private final Environments environments;
    private final Predicate<EnvironmentId> served;
    private final EventSpool spool;
    private final Responses responses;
    private final CacheHeaders cache;
    /** Serialised bulk answers per (environment position, context), as on the server: 16 MiB of them. */
    private final BulkEvaluations bulkAnswers = new BulkEvaluations(16L * 1024 * 1024);

    SdkEndpoints(KeyCache keys, Environments environments, Predicate<EnvironmentId> served, EventSpool spool,
                 Responses responses, CacheHeaders cache) {
        this.keys = keys;
        this.environments = environments;
        this.served = served;
        this.spool = spool;
        this.responses = responses;
        this.cache = cache;
    }

    /** What a shared cache may do with the config and bulk answers (docs/relay.md, "Edge caching"). */
    record CacheHeaders(int sharedMaxAge, int staleIfError) {
        String cacheControl() {
            return "public, max-age=0, s-maxage=" + sharedMaxAge + ", stale-if-error=" + staleIfError;
        }
    }

    void handle(Exchange exchange) {
        String path = exchange.path();
        String method = path.startsWith(SINGLE) && path.length() > SINGLE.length() ? "POST" : ROUTES.get(path);
        if (method == null) {
            responses.problem(exchange, 404, "Not Found", "no SDK endpoint at " + path);
            return;
        }
        if (!method.equals(exchange.method().name())) {
            responses.problem(exchange, 405, "Method Not Allowed", path + " takes " + method, Map.of("Allow", method));
            return;
        }
        String secret = exchange.secret();
        if (secret == null) {
            unauthorized(exchange);
            return;
        }
        CompletableFuture<KeyCache.Lookup> lookup = keys.lookup(secret);
        if (lookup.isDone()) authenticated(exchange, lookup.join());
        else lookup.whenComplete((found, failure) -> exchange.context().executor().execute(() ->
                authenticated(exchange, failure != null ? new KeyCache.Lookup.Unavailable(failure.toString()) : found)));
    }

    private void authenticated(Exchange exchange, KeyCache.Lookup lookup) {
        if (lookup instanceof KeyCache.Lookup.Refused) {
            unauthorized(exchange);
            return;
        }
        if (lookup instanceof KeyCache.Lookup.Unavailable unavailable) {
            responses.problem(exchange, 503, "Service Unavailable", "the relay has not seen this SDK key before and cannot"
                    + " ask its upstream now (" + unavailable.problem() + ")", Map.of("Retry-After", "5"));
            return;
        }
        KeyGrant grant = ((KeyCache.Lookup.Valid) lookup).grant();
        String path = exchange.path();
        if (!grant.isServerKey() && path.startsWith("/sdk/") && !CLIENT_SDK_PATHS.contains(path)) {
            responses.problem(exchange, 403, "Forbidden", "client keys may only use OFREP, /sdk/v1/changes, /sdk/v1/events"
                    + " and /sdk/v1/key; the configuration and the stream need a server key");
            return;
        }
        if (path.equals("/sdk/v1/key")) {
            Map<String, Object> identity = new LinkedHashMap<>();
            identity.put("id", grant.id());
            identity.put("projectKey", grant.environment().projectKey());
            identity.put("environment", grant.environment().environment());
            identity.put("kind", grant.kind());
            responses.json(exchange, 200, identity, Map.of());
            return;
        }
        Optional<EnvironmentState> state = served.test(grant.environment()) ? environments.get(grant.environment())
                : Optional.empty();
        if (state.isEmpty()) {
            responses.problem(exchange, 403, "Forbidden", "this relay does not serve " + grant.environment()
                    + "; it needs an SDK key of that environment (docs/relay.md)");
            return;
        }
        if (path.equals("/sdk/v1/events")) {
            events(exchange, grant);
            return;
        }
        Optional<EnvironmentView> view = state.get().view();
        if (view.isEmpty()) {
            responses.problem(exchange, 503, "Service Unavailable", "the relay has no configuration of "
                    + grant.environment() + " yet (its upstream has not been reachable since it started)",
                    Map.of("Retry-After", "5"));
            return;
        }
        switch (path) {
            case "/ofrep/v1/evaluate/flags" -> bulk(exchange, view.get());
            case "/ofrep/v1/configuration" -> responses.json(exchange, 200, OfrepAnswers.configuration(), Map.of());
            case "/sdk/v1/config" -> config(exchange, view.get());
            case "/sdk/v1/stream" -> stream(exchange, state.get(), true);
            case "/sdk/v1/changes" -> stream(exchange, state.get(), false);
            default -> single(exchange, view.get(), path.substring(SINGLE.length()));
        }
    }

    private void unauthorized(Exchange exchange) {
        responses.problem(exchange, 401, "Unauthorized", "a valid SDK key is required as a bearer token",
                Map.of("WWW-Authenticate", "Bearer"));
    }

    private void single(Exchange exchange, EnvironmentView view, String key) {
        EvaluationContext context;
        try {
            context = OfrepContexts.read(exchange.body(), exchange::header);
        } catch (OfrepContexts.BadRequest bad) {
            responses.json(exchange, 400, OfrepAnswers.error(key, bad.errorCode(), bad.getMessage()), Map.of());
            return;
        }
        OfrepAnswers.Answer answer = OfrepAnswers.single(view.config(), key, context);
        responses.json(exchange, answer.status(), answer.body(), Map.of());
    }

    private void bulk(Exchange exchange, EnvironmentView view) {
        EvaluationContext context;
        try {
            context = OfrepContexts.read(exchange.body(), exchange::header);
        } catch (OfrepContexts.BadRequest bad) {
            responses.json(exchange, 400, OfrepAnswers.badBulkRequest(bad), Map.of());
            return;
        }
        String canonical = OfrepContexts.canonical(context);
        String etag = OfrepAnswers.bulkEtag(view.etag(), canonical);
        Map<String, String> headers = Map.of("ETag", etag, "Cache-Control", cache.cacheControl(), "Vary", BULK_VARY);
        if (etag.equals(exchange.header("If-None-Match"))) {
            responses.empty(exchange, 304, headers);
            return;
        }
        BulkEvaluations.Answer answer = bulkAnswers.answer(view.etag(), view.config(), context, canonical);
        responses.send(exchange, 200, Unpooled.wrappedBuffer(answer.json()), "application/json", headers);
    }

    /** The request headers a bulk answer depends on: the key, and the edge headers that may set the country. */
    static final String BULK_VARY = String.join(", ", concat(List.of("Authorization", "X-API-Key"),
            OfrepContexts.COUNTRY_HEADERS));

    private void config(Exchange exchange, EnvironmentView view) {
        Map<String, String> headers = Map.of("ETag", view.etag(), "Cache-Control", cache.cacheControl(),
                "Vary", "Authorization, X-API-Key");
        if (view.etag().equals(exchange.header("If-None-Match"))) responses.empty(exchange, 304, headers);
        else responses.send(exchange, 200, Unpooled.wrappedBuffer(view.putFrame(), view.bodyOffset(), view.bodyLength()),
                "application/json", headers);
    }

    private void stream(Exchange exchange, EnvironmentState state, boolean configStream) {
        Channel channel = exchange.context().channel();
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-transform")
                // nginx: pass each event on at once instead of buffering the response
                .set("X-Accel-Buffering", "no");
        HttpUtil.setTransferEncodingChunked(head, true);
        responses.cors().onResponse(exchange, head.headers());
        channel.write(head, channel.voidPromise());
        Long lastEventId = lastEventId(exchange.header("Last-Event-ID"));
        if (!state.subscribe(channel, configStream, lastEventId)) channel.close();
    }

    private void events(Exchange exchange, KeyGrant grant) {
        String idempotencyKey = exchange.header("Idempotency-Key");
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            responses.problem(exchange, 400, "Bad Request", "Idempotency-Key: must match " + IDEMPOTENCY_KEY);
            return;
        }
        SdkEventBatchReader.Batch batch;
        try {
            batch = SdkEventBatchReader.readBatch(exchange.body());
        } catch (InvalidSdkEvent invalid) {
            responses.problem(exchange, 400, "Bad Request", invalid.getMessage());
            return;
        }
        int accepted = batch.events().size();
        spool.append(grant.environment(), grant.id(), idempotencyKey, batch.json()).whenComplete((outcome, failure) ->
                exchange.context().executor().execute(() -> {
                    if (failure != null) {
                        responses.problem(exchange, 503, "Service Unavailable", "the relay could not store the events: "
                                + failure.getMessage(), Map.of("Retry-After", "1"));
                        return;
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("accepted", accepted);
                    if (outcome == EventSpool.Outcome.DUPLICATE) body.put("duplicate", true);
                    responses.json(exchange, 202, body, Map.of());
                }));
    }

    private static Long lastEventId(String header) {
        if (header == null || header.isBlank()) return null;
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException notOurs) {
            return null;
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}

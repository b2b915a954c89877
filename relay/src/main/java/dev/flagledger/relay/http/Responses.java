package dev.flagledger.relay.http;

import dev.flagledger.relay.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes whole responses: JSON bodies, RFC 9457 problems, empty answers; CORS headers on each. */
final class Responses {
    private final Cors cors;

    Responses(Cors cors) {
        this.cors = cors;
    }

    Cors cors() {
        return cors;
    }

    void json(Exchange exchange, int status, Object body, Map<String, String> headers) {
        send(exchange, status, Unpooled.wrappedBuffer(Json.bytes(body)), "application/json", headers);
    }

    void problem(Exchange exchange, int status, String title, String detail, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        send(exchange, status, Unpooled.wrappedBuffer(Json.bytes(body)), "application/problem+json", headers);
    }

    void problem(Exchange exchange, int status, String title, String detail) {
        problem(exchange, status, title, detail, Map.of());
    }

    void empty(Exchange exchange, int status, Map<String, String> headers) {
        send(exchange, status, Unpooled.EMPTY_BUFFER, null, headers);
    }

    void send(Exchange exchange, int status, ByteBuf body, String contentType, Map<String, String> headers) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), body);
        HttpHeaders out = response.headers();
        if (contentType != null) out.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.forEach(out::set);
        cors.onResponse(exchange, out);
        HttpUtil.setContentLength(response, body.readableBytes());
        if (exchange.keepAlive()) out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        else out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ChannelFuture written = exchange.context().writeAndFlush(response);
        if (!exchange.keepAlive()) written.addListener(ChannelFutureListener.CLOSE);
    }

    /** CORS for browser SDKs: bearer keys, never cookies, so any origin by default (as on the server). */
    static final class Cors {
        private static final String ALLOWED_HEADERS = String.join(", ", List.of("Authorization", "X-API-Key",
                "Content-Type", "Accept", "If-None-Match", "Last-Event-ID", "Cache-Control", "Idempotency-Key"));
        private final List<String> origins;

        Cors(List<String> origins) {
            this.origins = origins;
        }

        private String allowed(Exchange exchange) {
            String origin = exchange.header("Origin");
            if (origin == null || !(exchange.path().startsWith("/ofrep/") || exchange.path().startsWith("/sdk/"))) return null;
            if (origins.contains("*")) return "*";
            return origins.contains(origin) ? origin : null;
        }

        void onResponse(Exchange exchange, HttpHeaders headers) {
            String origin = allowed(exchange);
            if (origin == null) return;
            headers.set("Access-Control-Allow-Origin", origin);
            headers.set("Access-Control-Expose-Headers", "ETag, Retry-After");
            if (!origin.equals("*")) headers.add("Vary", "Origin");
        }

        /** Answers a preflight; false when the request is not one. */
        boolean preflight(Exchange exchange, Responses responses) {
            if (!exchange.method().name().equals("OPTIONS") || exchange.header("Access-Control-Request-Method") == null)
                return false;
            String origin = allowed(exchange);
            if (origin == null) {
                responses.problem(exchange, 403, "Forbidden", "this origin may not call the relay");
                return true;
            }
            responses.empty(exchange, 200, Map.of("Access-Control-Allow-Methods", "GET, POST",
                    "Access-Control-Allow-Headers", ALLOWED_HEADERS, "Access-Control-Max-Age", "3600"));
            return true;
        }
    }
}

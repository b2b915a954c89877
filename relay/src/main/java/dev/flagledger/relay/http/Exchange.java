package dev.flagledger.relay.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

/** One request as the endpoints see it: the body copied out, so it may be answered later on any thread. */
record Exchange(ChannelHandlerContext context, HttpMethod method, String path, HttpHeaders headers, byte[] body,
                boolean keepAlive) {

    String header(String name) {
        return headers.get(name);
    }

    /** The SDK key: {@code Authorization: Bearer <secret>} or OFREP's {@code X-API-Key}. */
    String secret() {
        String authorization = headers.get("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String secret = authorization.substring(7).strip();
            return secret.isEmpty() ? null : secret;
        }
        String apiKey = headers.get("X-API-Key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }
}

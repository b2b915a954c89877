package dev.flagledger.openfeature;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Signs SDK requests for keys that require it, as the server checks them (docs/webhooks.md, "Signed
 * SDK requests"): {@code Flagledger-Signature: t=<unix s>,v1=hex(HMAC-SHA256(secret, t + "." + METHOD
 * + " " + path?query + "\n" + body))}. The SDK keeps no dependency on the server's modules, so this is
 * the client half only; the shared test vector keeps it equal to the server's and the TypeScript SDK's.
 */
final class RequestSigner {
    static final String HEADER = "Flagledger-Signature";
    private final SecretKeySpec key;
    private final Clock clock;

    private RequestSigner(String secret, Clock clock) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    /** A signer for this secret, or null (sign nothing) when there is none. */
    static RequestSigner of(String secret) {
        return secret == null ? null : new RequestSigner(secret, Clock.systemUTC());
    }

    static RequestSigner of(String secret, Clock clock) {
        return new RequestSigner(secret, clock);
    }

    /** The header value for a request to {@code uri} with this method and body, signed now. */
    String header(String method, URI uri, byte[] body) {
        long t = clock.instant().getEpochSecond();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((t + "." + method + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** Adds the signature to a request when there is a signer; signed at the moment it is built. */
    static HttpRequest.Builder sign(RequestSigner signer, HttpRequest.Builder request, String method, URI uri, byte[] body) {
        return signer == null ? request : request.header(HEADER, signer.header(method, uri, body));
    }
}

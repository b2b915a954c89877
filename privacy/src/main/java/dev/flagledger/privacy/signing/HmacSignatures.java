package dev.flagledger.privacy.signing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Signatures over a timestamp and a body, as Stripe and GitHub sign their webhooks (docs/webhooks.md):
 *
 * <pre>Flagledger-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, t + "." + signed bytes)&gt;</pre>
 *
 * The key is the secret's UTF-8 text, whole. A receiver recomputes the HMAC, compares it in constant
 * time with every {@code v1} in the header, and refuses a timestamp further than the tolerance from its
 * clock (five minutes), so a captured request cannot be replayed later; within the tolerance it
 * refuses an id (a delivery id) it has seen. Outgoing webhooks sign the body; SDK requests sign
 * {@code METHOD + " " + path-and-query + "\n" + body}, so a signature cannot be moved to another request.
 */
public final class HmacSignatures {
    public static final String HEADER = "Flagledger-Signature";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private HmacSignatures() {
    }

    /** A new secret: the prefix and 32 random bytes, base64url. */
    public static String newSecret(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The header value for these signed bytes at this time. */
    public static String header(String secret, Instant at, byte[] signed) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + sign(secret, t, signed);
    }

    /** hex(HMAC-SHA256(secret, t + "." + signed)). */
    public static String sign(String secret, long timestamp, byte[] signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(signed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** What an SDK request signs: method, path with query, and body. */
    public static byte[] requestBytes(String method, String pathAndQuery, byte[] body) {
        byte[] head = (method + " " + pathAndQuery + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** Why a signature was refused, or {@code VALID}. */
    public enum Outcome { VALID, MISSING, MALFORMED, TOO_OLD, MISMATCH }

    /** Checks a header against the signed bytes, the secret and the clock, with {@link #TOLERANCE}. */
    public static Outcome verify(String header, byte[] signed, String secret, Instant now) {
        if (header == null || header.isBlank()) return Outcome.MISSING;
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals <= 0) return Outcome.MALFORMED;
            String name = part.substring(0, equals).strip();
            String value = part.substring(equals + 1).strip();
            if (name.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return Outcome.MALFORMED;
                }
            } else if (name.equals("v1")) signatures.add(value);
        }
        if (timestamp == null || signatures.isEmpty()) return Outcome.MALFORMED;
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) return Outcome.TOO_OLD;
        byte[] expected = sign(secret, timestamp, signed).getBytes(StandardCharsets.US_ASCII);
        for (String signature : signatures)
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) return Outcome.VALID;
        return Outcome.MISMATCH;
    }
}

package dev.flagledger.server.webhook;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver as a customer would write it, on the JDK's HTTP server, verifying every delivery
 * with the Java recipe of docs/webhooks.md (standalone: javax.crypto, no Flagledger code). It answers
 * with scripted statuses (200 when the script is empty) and records what it received.
 */
final class WebhookReceiver implements AutoCloseable {
    static final long TOLERANCE_SECONDS = 300;

    /** What arrived: the raw body, the headers that matter, and the recipe's verdict (null = valid). */
    record Delivery(byte[] body, String signature, String deliveryId, String event, String rejection, long receivedAt) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private volatile String secret;
    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("Flagledger-Signature");
            String id = exchange.getRequestHeaders().getFirst("Flagledger-Delivery");
            long now = System.currentTimeMillis() / 1000;
            String rejection = secret == null ? "no secret yet" : verify(secret, signature, body, now);
            received.add(new Delivery(body, signature, id, exchange.getRequestHeaders().getFirst("Flagledger-Event"),
                    rejection, System.nanoTime()));
            Integer status = script.poll();
            exchange.sendResponseHeaders(status != null ? status : rejection == null ? 200 : 400, -1);
            exchange.close();
        });
        server.start();
    }

    /** The subscription's secret, known once the subscription exists (it needs this receiver's URL first). */
    void trust(String secret) {
        this.secret = secret;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The next responses, in order, before it goes back to answering 200. */
    void answer(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    Delivery next(long seconds) throws InterruptedException {
        Delivery delivery = received.poll(seconds, TimeUnit.SECONDS);
        if (delivery == null) throw new AssertionError("no delivery within " + seconds + " s");
        return delivery;
    }

    List<Delivery> drain() {
        List<Delivery> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }

    /** The documented recipe, then de-duplication by delivery id (a replay within the tolerance is refused). */
    String accept(Delivery delivery, long nowSeconds) {
        String rejection = verify(secret, delivery.signature(), delivery.body(), nowSeconds);
        if (rejection != null) return rejection;
        seen.values().removeIf(at -> nowSeconds - at > TOLERANCE_SECONDS);
        return seen.putIfAbsent(delivery.deliveryId(), nowSeconds) == null ? null : "delivery already received (replay)";
    }

    // --- the Java recipe of docs/webhooks.md, verbatim

    /** Null when the signature is valid, else why the delivery must be rejected. */
    static String verify(String secret, String header, byte[] rawBody, long nowSeconds) {
        if (header == null) return "missing signature";
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.split("=", 2);
            if (pair.length != 2) return "malformed signature header";
            if (pair[0].trim().equals("t")) {
                try {
                    timestamp = Long.parseLong(pair[1].trim());
                } catch (NumberFormatException e) {
                    return "malformed signature header";
                }
            } else if (pair[0].trim().equals("v1")) signatures.add(pair[1].trim());
        }
        if (timestamp == null || signatures.isEmpty()) return "malformed signature header";
        if (Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) return "timestamp outside the tolerance";
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            expected = HexFormat.of().formatHex(mac.doFinal(rawBody)).getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        for (String signature : signatures)
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) return null;
        return "signature does not match";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

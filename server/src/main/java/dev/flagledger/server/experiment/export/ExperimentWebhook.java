package dev.flagledger.server.experiment.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * Posts experiment results to one configured URL ({@code flagledger.experiments.webhook.url}), signed and
 * retried. The body is JSON; {@code X-Flagledger-Signature: sha256=<hex>} is HMAC-SHA256 with
 * {@code flagledger.experiments.webhook.secret} over {@code <X-Flagledger-Timestamp>.<body>}, so a receiver
 * checks both origin and freshness; {@code X-Flagledger-Delivery} stays the same across retries, so a receiver
 * can drop a duplicate. Network errors, 429 and 5xx are retried with doubling back-off (1 s, 2 s, ...) up to
 * {@code max-attempts}; other answers are final. (Another helper builds general outgoing webhooks; this one
 * is the experiments connector's own small part until that lands.)
 */
@Component
public class ExperimentWebhook {
    private static final Logger log = LoggerFactory.getLogger(ExperimentWebhook.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String secret;
    private final int maxAttempts;
    private final Duration firstBackoff;

    public ExperimentWebhook(@Value("${flagledger.experiments.webhook.url:}") String url,
                             @Value("${flagledger.experiments.webhook.secret:}") String secret,
                             @Value("${flagledger.experiments.webhook.max-attempts:4}") int maxAttempts,
                             @Value("${flagledger.experiments.webhook.first-backoff:PT1S}") Duration firstBackoff) {
        this.url = url;
        this.secret = secret;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.firstBackoff = firstBackoff;
        if (!url.isBlank() && secret.isBlank())
            throw new IllegalStateException("flagledger.experiments.webhook.secret is required with a webhook url");
    }

    public boolean configured() {
        return !url.isBlank();
    }

    /** Delivers one event; answers whether the receiver took it (2xx) within the attempts. */
    public boolean deliver(String event, Object payload) {
        if (!configured()) return false;
        String delivery = UUID.randomUUID().toString();
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("event", event, "delivery", delivery, "payload", payload));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the webhook body", e);
        }
        Duration backoff = firstBackoff;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            String timestamp = String.valueOf(Instant.now().getEpochSecond());
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header("X-Flagledger-Event", event)
                        .header("X-Flagledger-Delivery", delivery).header("X-Flagledger-Timestamp", timestamp)
                        .header("X-Flagledger-Signature", "sha256=" + sign(secret, timestamp + "." + body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status >= 200 && status < 300) return true;
                if (status != 429 && status < 500) {
                    log.warn("experiment webhook refused delivery {} with {}; not retried", delivery, status);
                    return false;
                }
                log.info("experiment webhook answered {} to delivery {} (attempt {})", status, delivery, attempt);
            } catch (java.io.IOException failed) {
                log.info("experiment webhook delivery {} failed (attempt {}): {}", delivery, attempt, failed.toString());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (attempt < maxAttempts) {
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                backoff = backoff.multipliedBy(2);
            }
        }
        log.warn("experiment webhook delivery {} gave up after {} attempts", delivery, maxAttempts);
        return false;
    }

    public static String sign(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

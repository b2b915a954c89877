package dev.flagledger.server.webhook;

import dev.flagledger.privacy.signing.HmacSignatures;
import dev.flagledger.projections.webhook.WebhookQueries;
import dev.flagledger.projections.webhook.WebhookSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Sends queued webhook deliveries (docs/webhooks.md): signed, retried with exponential backoff, every
 * attempt logged. Any number of servers may run it: a server claims a due delivery by moving its
 * next attempt past a lease, which only one of them can do.
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 20;
    private final JdbcTemplate jdbc;
    private final JdbcWebhookSecrets secrets;
    private final WebhookQueries queries;
    private final WebhookSignal signal;
    private final Clock clock;
    private final WebhookRetries retries;
    private final Duration pollInterval;
    private final Duration timeout;
    private final HttpClient http;
    private volatile boolean running;
    private Thread poller;
    private ExecutorService senders;

    WebhookDispatcher(JdbcTemplate jdbc, JdbcWebhookSecrets secrets, WebhookQueries queries, WebhookSignal signal, Clock clock,
                      @Value("${flagledger.webhooks.initial-backoff:10s}") Duration initialBackoff,
                      @Value("${flagledger.webhooks.max-backoff:1h}") Duration maxBackoff,
                      @Value("${flagledger.webhooks.max-attempts:8}") int maxAttempts,
                      @Value("${flagledger.webhooks.poll-interval:1s}") Duration pollInterval,
                      @Value("${flagledger.webhooks.timeout:10s}") Duration timeout) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.queries = queries;
        this.signal = signal;
        this.clock = clock;
        this.retries = new WebhookRetries(initialBackoff, maxBackoff, maxAttempts);
        this.pollInterval = pollInterval;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void start() {
        running = true;
        senders = Executors.newFixedThreadPool(4, daemon("webhook-sender"));
        poller = daemon("webhook-dispatcher").newThread(this::loop);
        poller.start();
    }

    @Override
    public void stop() {
        running = false;
        if (poller != null) poller.interrupt();
        if (senders != null) senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                int claimed = dispatchDue();
                if (claimed < BATCH) signal.await(untilNextDue().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("webhook dispatch failed; retrying", e);
                try {
                    Thread.sleep(pollInterval.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** How long to sleep: until the earliest retry falls due, at most the poll interval, at least 10 ms. */
    private Duration untilNextDue() {
        OffsetDateTime next = jdbc.queryForObject("select min(next_attempt_at) from webhook_delivery where status = 'PENDING'",
                OffsetDateTime.class);
        if (next == null) return pollInterval;
        Duration wait = Duration.between(now(), next);
        if (wait.compareTo(pollInterval) > 0) return pollInterval;
        return wait.toMillis() < 10 ? Duration.ofMillis(10) : wait;
    }

    /** Claims up to a batch of due deliveries and hands them to the senders; answers how many. */
    int dispatchDue() {
        OffsetDateTime now = now();
        List<String> due = jdbc.queryForList("select delivery_id from webhook_delivery where status = 'PENDING'"
                + " and next_attempt_at <= ? order by next_attempt_at limit " + BATCH, String.class, now);
        int claimed = 0;
        for (String delivery : due) {
            int won = jdbc.update("update webhook_delivery set next_attempt_at = ? where delivery_id = ?"
                    + " and status = 'PENDING' and next_attempt_at <= ?", now.plus(LEASE), delivery, now);
            if (won == 1) {
                claimed++;
                senders.execute(() -> send(delivery));
            }
        }
        return claimed;
    }

    /** One attempt of one claimed delivery. */
    void send(String deliveryId) {
        Map<String, Object> delivery = jdbc.queryForMap("select d.subscription_id, d.event_type, d.payload, d.attempts,"
                + " s.url, s.active from webhook_delivery d left join webhook_subscription s"
                + " on s.subscription_id = d.subscription_id where d.delivery_id = ?", deliveryId);
        int attempt = ((Number) delivery.get("attempts")).intValue() + 1;
        String subscription = (String) delivery.get("subscription_id");
        String url = (String) delivery.get("url");
        Instant started = clock.instant();
        if (url == null || !Boolean.TRUE.equals(delivery.get("active"))) {
            finish(deliveryId, attempt, started, null, url == null ? "the subscription was deleted"
                    : "the subscription is paused", true);
            return;
        }
        String secret = secrets.secret(subscription).orElse(null);
        if (secret == null) {
            finish(deliveryId, attempt, started, null, "the subscription has no signing secret", true);
            return;
        }
        try {
            refuseLocalOnlyAddresses(URI.create(url));
            // Personal values are opened now, so a retry after an erasure carries the placeholder.
            byte[] body = queries.opened((String) delivery.get("payload")).getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Flagledger-Webhooks/1")
                    .header("Flagledger-Delivery", deliveryId)
                    .header("Flagledger-Event", (String) delivery.get("event_type"))
                    .header(HmacSignatures.HEADER, HmacSignatures.header(secret, clock.instant(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            boolean delivered = status >= 200 && status < 300;
            finish(deliveryId, attempt, started, status, delivered ? null : "HTTP " + status, false);
        } catch (IOException | IllegalArgumentException e) {
            finish(deliveryId, attempt, started, null, e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("webhook delivery {} failed", deliveryId, e);
            finish(deliveryId, attempt, started, null, e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        }
    }

    private void finish(String deliveryId, int attempt, Instant started, Integer status, String error, boolean giveUp) {
        OffsetDateTime now = now();
        long millis = Duration.between(started, clock.instant()).toMillis();
        String shortError = error == null ? null : error.substring(0, Math.min(error.length(), 1000));
        jdbc.update("insert into webhook_attempt (delivery_id, attempt, attempted_at, status_code, error, duration_millis)"
                + " values (?, ?, ?, ?, ?, ?)", deliveryId, attempt, now, status, shortError, millis);
        boolean delivered = error == null;
        if (delivered)
            jdbc.update("update webhook_delivery set status = 'DELIVERED', attempts = ?, last_attempt_at = ?, last_status = ?,"
                    + " last_error = null, next_attempt_at = null, delivered_at = ? where delivery_id = ?", attempt, now, status,
                    now, deliveryId);
        else if (giveUp || retries.exhausted(attempt))
            jdbc.update("update webhook_delivery set status = 'FAILED', attempts = ?, last_attempt_at = ?, last_status = ?,"
                    + " last_error = ?, next_attempt_at = null where delivery_id = ?", attempt, now, status, shortError,
                    deliveryId);
        else {
            jdbc.update("update webhook_delivery set attempts = ?, last_attempt_at = ?, last_status = ?, last_error = ?,"
                    + " next_attempt_at = ? where delivery_id = ?", attempt, now, status, shortError,
                    now.plus(retries.delay(attempt)), deliveryId);
            signal.queued(); // the poller sleeps until the earliest retry: this one may be it
        }
    }

    /**
     * Webhook URLs are set by project admins, but a server inside a network must not be turned into a
     * probe of cloud metadata endpoints: link-local, wildcard and multicast addresses are refused.
     */
    private static void refuseLocalOnlyAddresses(URI url) throws IOException {
        for (InetAddress address : InetAddress.getAllByName(url.getHost()))
            if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress())
                throw new IOException("the address " + address.getHostAddress() + " of " + url.getHost() + " is not allowed");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

}

package dev.flagledger.sdk.web;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per SDK key (Bucket4j, in memory): {@code burst} requests at once, refilled at
 * {@code requests-per-second}. Buckets are keyed by the key's id, so their number is bounded by the
 * keys ever issued, not by anything a caller can invent (unknown keys are refused before this).
 */
@Component
public class SdkRateLimits {
    private final boolean enabled;
    private final long requestsPerSecond;
    private final long burst;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public SdkRateLimits(@Value("${flagledger.sdk.rate-limit.enabled:true}") boolean enabled,
                         @Value("${flagledger.sdk.rate-limit.requests-per-second:5000}") long requestsPerSecond,
                         @Value("${flagledger.sdk.rate-limit.burst:10000}") long burst) {
        if (enabled && (requestsPerSecond < 1 || burst < 1))
            throw new IllegalArgumentException("flagledger.sdk.rate-limit.requests-per-second and .burst must be"
                    + " at least 1 (or set flagledger.sdk.rate-limit.enabled=false)");
        this.enabled = enabled;
        this.requestsPerSecond = requestsPerSecond;
        this.burst = burst;
    }

    /** Takes one request from the key's bucket: empty when admitted, else how long until one is. */
    public Optional<Duration> acquire(String keyId) {
        if (!enabled) return Optional.empty();
        ConsumptionProbe probe = buckets.computeIfAbsent(keyId, id -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(burst).refillGreedy(requestsPerSecond, Duration.ofSeconds(1)))
                        .build())
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty()
                : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}

package dev.flagledger.server.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps raw SDK events ({@code sdk_event}) for {@code flagledger.privacy.sdk-event-retention} (default
 * 90 days; {@code 0} keeps them forever) by deleting older rows every
 * {@code flagledger.privacy.sdk-event-retention-interval} (default one hour), in batches so one run
 * never holds a long lock. They name end users by context key, so they are kept no longer than needed.
 */
@Component
public class SdkEventRetention implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SdkEventRetention.class);
    static final int BATCH = 5_000;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;
    private final Duration interval;
    private ScheduledExecutorService timer;

    SdkEventRetention(JdbcTemplate jdbc, Clock clock,
                      @Value("${flagledger.privacy.sdk-event-retention:90d}") Duration retention,
                      @Value("${flagledger.privacy.sdk-event-retention-interval:1h}") Duration interval) {
        if (retention.isNegative()) throw new IllegalArgumentException("flagledger.privacy.sdk-event-retention must not be negative");
        if (interval.isNegative() || interval.isZero())
            throw new IllegalArgumentException("flagledger.privacy.sdk-event-retention-interval must be positive");
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
        this.interval = interval;
    }

    public Duration retention() {
        return retention;
    }

    /** Deletes every raw SDK event received before now minus the retention; answers how many. */
    public long enforce() {
        if (retention.isZero()) return 0;
        java.time.OffsetDateTime cutoff = clock.instant().minus(retention).atOffset(ZoneOffset.UTC);
        long deleted = 0;
        while (true) {
            // Batches by id: both databases delete "where id in (select ... limit n)" without a long lock.
            int batch = jdbc.update("delete from sdk_event where id in (select id from sdk_event where received_at < ?"
                    + " order by id limit " + BATCH + ")", cutoff);
            deleted += batch;
            if (batch < BATCH) return deleted;
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sdk-event-retention");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                long deleted = enforce();
                if (deleted > 0) log.info("deleted {} raw SDK events older than {}", deleted, retention);
            } catch (RuntimeException e) {
                log.warn("SDK event retention failed; retrying in {}", interval, e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) timer.shutdownNow();
        timer = null;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}

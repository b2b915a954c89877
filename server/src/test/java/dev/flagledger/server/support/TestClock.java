package dev.flagledger.server.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's clock in the test contexts ({@link OnH2}, {@link OnPostgres}): the system clock plus an
 * offset a spec may move, so "forty days later" is a statement, not a wait. It is the Clock bean (what
 * the server calls "now"), not the clock events are stamped with: stored history stays in real time,
 * as other specs sharing the store expect. Specs that move it put it back after each test
 * ({@link #reset()}); at offset zero it is the system clock.
 */
public final class TestClock extends Clock {
    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

    /** Moves the server's "now" forward (or back, with a negative duration). */
    public static void advance(Duration by) {
        OFFSET.updateAndGet(offset -> offset.plus(by));
    }

    public static void reset() {
        OFFSET.set(Duration.ZERO);
    }

    public static Instant now() {
        return Instant.now().plus(OFFSET.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the server's clock is UTC");
    }

    @Override
    public Instant instant() {
        return now();
    }

    /** Replaces the application's Clock bean. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Wiring {
        @Bean
        @Primary
        Clock testClock() {
            return new TestClock();
        }
    }
}

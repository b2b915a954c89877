package dev.flagledger.server.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookRetriesTest {
    private final WebhookRetries defaults = new WebhookRetries(Duration.ofSeconds(10), Duration.ofHours(1), 8);

    @Test
    void each_retry_waits_twice_as_long_as_the_one_before_up_to_the_cap() {
        assertThat(defaults.nominalDelay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.nominalDelay(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.nominalDelay(7)).isEqualTo(Duration.ofSeconds(640));
        assertThat(new WebhookRetries(Duration.ofMinutes(10), Duration.ofHours(1), 20).nominalDelay(10))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void jitter_stays_within_twenty_percent_of_the_nominal_wait() {
        for (int i = 0; i < 1_000; i++)
            assertThat(defaults.delay(3).toMillis()).isBetween(32_000L, 48_000L);
    }

    @Test
    void the_last_attempt_exhausts_the_delivery() {
        assertThat(defaults.exhausted(7)).isFalse();
        assertThat(defaults.exhausted(8)).isTrue();
    }
}

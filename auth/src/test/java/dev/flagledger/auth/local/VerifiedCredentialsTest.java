package dev.flagledger.auth.local;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedCredentialsTest {

    /** A clock the test moves forward. */
    static final class SteppingClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void a_remembered_check_matches_only_the_same_password_and_hash() {
        VerifiedCredentials verified = new VerifiedCredentials(Duration.ofMinutes(5), new SteppingClock());
        verified.remember("admin", "secret", "hash-1");
        assertThat(verified.contains("admin", "secret", "hash-1")).isTrue();
        assertThat(verified.contains("admin", "secret", "hash-2")).as("after a password change").isFalse();
        assertThat(verified.contains("admin", "other", "hash-1")).isFalse();
        assertThat(verified.contains("root", "secret", "hash-1")).isFalse();
    }

    @Test
    void a_remembered_check_expires() {
        SteppingClock clock = new SteppingClock();
        VerifiedCredentials verified = new VerifiedCredentials(Duration.ofMinutes(5), clock);
        verified.remember("admin", "secret", "hash-1");
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThat(verified.contains("admin", "secret", "hash-1")).isFalse();
    }

    @Test
    void generated_passwords_are_long_and_different() {
        String one = LocalAdminBootstrap.generatePassword();
        assertThat(one).hasSizeGreaterThanOrEqualTo(24).isNotEqualTo(LocalAdminBootstrap.generatePassword());
    }
}

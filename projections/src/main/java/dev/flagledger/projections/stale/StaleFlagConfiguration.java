package dev.flagledger.projections.stale;

import dev.flagledger.domain.flag.FlagKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code flagledger.stale-flags.unevaluated-days} (30) and {@code flagledger.stale-flags.lifetime-days.<kind>}
 * (release 40, experiment 40; kill-switch and permission empty: they are meant to stay).
 */
@Configuration(proxyBeanMethods = false)
public class StaleFlagConfiguration {

    @Bean
    StaleFlagPolicy staleFlagPolicy(@Value("${flagledger.stale-flags.unevaluated-days:30}") int unevaluatedDays,
                                    @Value("${flagledger.stale-flags.lifetime-days.release:40}") String release,
                                    @Value("${flagledger.stale-flags.lifetime-days.experiment:40}") String experiment,
                                    @Value("${flagledger.stale-flags.lifetime-days.kill-switch:}") String killSwitch,
                                    @Value("${flagledger.stale-flags.lifetime-days.permission:}") String permission) {
        Map<FlagKind, Duration> lifetimes = new EnumMap<>(FlagKind.class);
        put(lifetimes, FlagKind.RELEASE, release);
        put(lifetimes, FlagKind.EXPERIMENT, experiment);
        put(lifetimes, FlagKind.KILL_SWITCH, killSwitch);
        put(lifetimes, FlagKind.PERMISSION, permission);
        return new StaleFlagPolicy(unevaluatedDays, lifetimes);
    }

    private static void put(Map<FlagKind, Duration> lifetimes, FlagKind kind, String days) {
        if (days == null || days.isBlank()) return;
        int value = Integer.parseInt(days.strip());
        if (value < 1) throw new IllegalArgumentException("a lifetime is at least one day (or empty for none): " + kind);
        lifetimes.put(kind, Duration.ofDays(value));
    }
}

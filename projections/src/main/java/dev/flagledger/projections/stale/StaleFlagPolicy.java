package dev.flagledger.projections.stale;

import dev.flagledger.domain.flag.FlagKind;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * When a flag counts as stale: it has served one variation everywhere for longer than its kind's
 * expected lifetime (kinds without one are meant to stay), or no SDK has reported evaluating it for
 * {@code unevaluatedDays}. Configured with {@code flagledger.stale-flags.*} (docs/stale-flags.md).
 */
public record StaleFlagPolicy(int unevaluatedDays, Map<FlagKind, Duration> lifetimes) {
    public static final int MAX_DAYS = 3650;

    public StaleFlagPolicy {
        if (unevaluatedDays < 1 || unevaluatedDays > MAX_DAYS)
            throw new IllegalArgumentException("flagledger.stale-flags.unevaluated-days must be 1.." + MAX_DAYS);
        lifetimes = lifetimes.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(lifetimes));
    }

    /** Unleash's defaults: releases and experiments 40 days; kill switches and permissions stay. */
    public static StaleFlagPolicy defaults() {
        return new StaleFlagPolicy(30, Map.of(FlagKind.RELEASE, Duration.ofDays(40), FlagKind.EXPERIMENT, Duration.ofDays(40)));
    }

    /** How long a flag of this kind is expected to live; empty for kinds meant to stay. */
    public Optional<Duration> lifetime(FlagKind kind) {
        return Optional.ofNullable(lifetimes.get(kind));
    }
}

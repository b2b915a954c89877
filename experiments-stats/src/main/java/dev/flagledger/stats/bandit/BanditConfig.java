package dev.flagledger.stats.bandit;

import dev.flagledger.stats.InvalidStatsInput;
import dev.flagledger.stats.metric.Direction;

/**
 * How the bandit re-weights: no re-weighting until every arm has {@code burnInUnitsPerArm} units; then
 * Thompson sampling with {@code draws} posterior draws, each arm keeping at least {@code minimumShare}.
 */
public record BanditConfig(long burnInUnitsPerArm, double minimumShare, int draws, Direction direction) {
    public BanditConfig {
        if (burnInUnitsPerArm < 2) throw new InvalidStatsInput("burn-in must be at least 2 units per arm");
        if (!(minimumShare >= 0 && minimumShare < 1)) throw new InvalidStatsInput("minimum share must be in [0, 1)");
        if (draws < 100 || draws > 1_000_000) throw new InvalidStatsInput("draws must be in [100, 1 000 000]");
        if (direction == null) throw new InvalidStatsInput("direction is required");
    }
}

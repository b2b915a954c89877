package dev.flagledger.domain.experiment;

/**
 * Run the experiment as a multi-armed bandit: every {@code intervalMinutes} Thompson sampling
 * re-weights the arms on the primary metric, once every arm has {@code burnInUnitsPerArm} units, and
 * never below {@code minimumShare} (0..0.5) per arm.
 */
public record BanditSettings(long burnInUnitsPerArm, double minimumShare, int intervalMinutes) {
}

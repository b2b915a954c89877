package dev.flagledger.stats;

/**
 * Valid input that is too thin for the statistic asked for (fewer than two units, no variance, a zero
 * control mean for a relative effect). Early in an experiment this is normal, so callers show
 * "not enough data" rather than an error.
 */
public class InsufficientData extends InvalidStatsInput {
    public InsufficientData(String message) {
        super(message);
    }
}

package dev.flagledger.stats;

/** Input that no statistic can be computed from (negative counts, weights that do not sum up, ...). */
public class InvalidStatsInput extends IllegalArgumentException {
    public InvalidStatsInput(String message) {
        super(message);
    }
}

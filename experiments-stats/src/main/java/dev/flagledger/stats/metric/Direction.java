package dev.flagledger.stats.metric;

/** Whether a larger metric value is an improvement (conversion, revenue) or a regression (latency, errors). */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER;

    /** +1 or -1: multiplies an effect so that positive always means "better". */
    public double sign() {
        return this == HIGHER_IS_BETTER ? 1 : -1;
    }
}

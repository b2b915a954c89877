package dev.flagledger.projections.stale;

/** Why a flag is listed as stale. */
public enum StaleReason {
    /** It has served one variation to everyone in every environment for longer than its kind's lifetime. */
    SERVES_ONE_VARIATION,
    /** No SDK has reported evaluating it for the configured number of days (or ever, since it was created that long ago). */
    NOT_EVALUATED
}

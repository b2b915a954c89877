package dev.flagledger.projections.audit;

/** Where a time-travel replay starts: the newest usable checkpoint, or the first event (the reference). */
public enum ReplayMode {
    CHECKPOINTS,
    FULL
}

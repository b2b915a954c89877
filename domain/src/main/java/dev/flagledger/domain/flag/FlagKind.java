package dev.flagledger.domain.flag;

/**
 * What a flag is for, which says how long it is expected to live (docs/stale-flags.md). Every flag
 * is a {@link #RELEASE} until someone says otherwise; flags created before kinds existed are too.
 */
public enum FlagKind {
    /** Ships a change gradually; removed once it serves one variation everywhere. */
    RELEASE,
    /** Compares variations; removed when the experiment is decided. */
    EXPERIMENT,
    /** An operational kill switch: kept on purpose to turn a feature off in an incident. */
    KILL_SWITCH,
    /** Grants a feature to some users (entitlements, plans): kept on purpose. */
    PERMISSION
}

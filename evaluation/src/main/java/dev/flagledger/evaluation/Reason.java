package dev.flagledger.evaluation;

/** Why a value was served, using OpenFeature's reason names. */
public enum Reason {
    /** No target or rule matched; the fallthrough's fixed variant was served. */
    DEFAULT,
    /** An individual target, a rule, or a failed prerequisite decided the value. */
    TARGETING_MATCH,
    /** A rollout bucketed the context, in a rule or in the fallthrough. */
    SPLIT,
    /** The flag is off in this environment. */
    DISABLED,
    /** No value could be decided; see the error code. */
    ERROR
}

package dev.flagledger.evaluation;

/** OpenFeature error codes, as they appear in results and test vectors. */
public enum ErrorCode {
    /** No flag with that key in the environment. */
    FLAG_NOT_FOUND,
    /** The caller asked for a type other than the flag's value type. */
    TYPE_MISMATCH,
    /** A rollout needs its bucketBy value (the targeting key by default) and the context lacks it. */
    TARGETING_KEY_MISSING,
    /** The context has the wrong shape: a non-string targetingKey, or a non-scalar bucketBy value. */
    INVALID_CONTEXT,
    /** The flag's definition is malformed (bad JSON shape, unknown operator, invalid regex, ...). */
    PARSE_ERROR,
    /** The environment is inconsistent (a prerequisite cycle) or something unexpected failed. */
    GENERAL
}

package dev.flagledger.domain.flag;

/**
 * Facts about a flag. Each names its flag fully (id, project, key) and carries the whole new value
 * of what it changed, so a reader needs no other event to understand it.
 */
public sealed interface FlagEvent permits FlagCreated, FlagDetailsUpdated, FlagVariationsChanged, FlagToggled,
        FlagDefaultVariationChanged, FlagOffVariationChanged, FlagArchived, FlagRestored, FlagTargetingChanged,
        FlagChangeScheduled, ScheduledFlagChangeCancelled, ScheduledFlagChangeApplied, ScheduledFlagChangeFailed,
        FlagKindChanged {
    String flagId();

    String projectKey();

    String flagKey();
}

package dev.flagledger.domain.flag;

/** A flag's targeting in one environment was replaced; carries the whole new targeting. */
public record FlagTargetingChanged(String flagId, String projectKey, String flagKey, String environment,
                                   Targeting targeting) implements FlagEvent {
}

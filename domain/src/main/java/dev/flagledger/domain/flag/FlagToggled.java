package dev.flagledger.domain.flag;

public record FlagToggled(String flagId, String projectKey, String flagKey, String environment, boolean enabled)
        implements FlagEvent {
}

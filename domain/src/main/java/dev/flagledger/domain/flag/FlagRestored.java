package dev.flagledger.domain.flag;

public record FlagRestored(String flagId, String projectKey, String flagKey) implements FlagEvent {
}

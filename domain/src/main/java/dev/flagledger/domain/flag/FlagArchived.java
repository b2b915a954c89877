package dev.flagledger.domain.flag;

public record FlagArchived(String flagId, String projectKey, String flagKey) implements FlagEvent {
}

package dev.flagledger.domain.flag;

public record FlagOffVariationChanged(String flagId, String projectKey, String flagKey, String environment,
                                      String variation) implements FlagEvent {
}

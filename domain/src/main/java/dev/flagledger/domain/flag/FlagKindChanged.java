package dev.flagledger.domain.flag;

/**
 * A flag's kind was set. Flags without this event are {@link FlagKind#RELEASE}, so histories written
 * before kinds existed need no upcasting.
 */
public record FlagKindChanged(String flagId, String projectKey, String flagKey, FlagKind kind) implements FlagEvent {
}

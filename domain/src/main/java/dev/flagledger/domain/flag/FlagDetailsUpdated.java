package dev.flagledger.domain.flag;

import java.util.List;

public record FlagDetailsUpdated(String flagId, String projectKey, String flagKey, String name, String description,
                                 List<String> tags) implements FlagEvent {
}

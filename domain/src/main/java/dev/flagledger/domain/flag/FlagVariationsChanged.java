package dev.flagledger.domain.flag;

import java.util.List;

public record FlagVariationsChanged(String flagId, String projectKey, String flagKey, List<Variation> variations)
        implements FlagEvent {
}

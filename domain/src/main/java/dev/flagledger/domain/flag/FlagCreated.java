package dev.flagledger.domain.flag;

import java.util.List;

/**
 * A new flag. {@code defaultVariation}/{@code offVariation} also configure environments the project
 * adds later; {@code environments} is the configuration of every environment that existed.
 */
public record FlagCreated(String flagId, String projectKey, String flagKey, String name, String description,
                          List<String> tags, ValueType valueType, List<Variation> variations,
                          String defaultVariation, String offVariation, List<FlagEnvironment> environments)
        implements FlagEvent {
}

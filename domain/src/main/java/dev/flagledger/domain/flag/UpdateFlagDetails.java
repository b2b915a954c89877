package dev.flagledger.domain.flag;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/**
 * Changes a flag's name, description, tags and kind; they do not change what it serves. A null
 * {@code kind} keeps the current one.
 */
public record UpdateFlagDetails(@TargetAggregateIdentifier String flagId, String name, String description, List<String> tags,
                    @TargetAggregateVersion Long expectedVersion, FlagKind kind) {

    /** Keeps the kind. */
    public UpdateFlagDetails(String flagId, String name, String description, List<String> tags, Long expectedVersion) {
        this(flagId, name, description, tags, expectedVersion, null);
    }
}

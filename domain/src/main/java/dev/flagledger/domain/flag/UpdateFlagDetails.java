package dev.flagledger.domain.flag;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/** Changes a flag's name, description and tags; they do not change what it serves. */
public record UpdateFlagDetails(@TargetAggregateIdentifier String flagId, String name, String description, List<String> tags,
                    @TargetAggregateVersion Long expectedVersion) {
}

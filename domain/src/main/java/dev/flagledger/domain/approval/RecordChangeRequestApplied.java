package dev.flagledger.domain.approval;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the server's applier in the transaction that runs the proposed commands. */
public record RecordChangeRequestApplied(@TargetAggregateIdentifier String changeRequestId, boolean breakGlass, Set<String> roles, Set<String> groups, String appliedBySubject, String appliedByName) {
}

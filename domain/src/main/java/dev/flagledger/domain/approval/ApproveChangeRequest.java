package dev.flagledger.domain.approval;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Approves as the caller, whose roles and groups (from their token) the policy may require. */
public record ApproveChangeRequest(@TargetAggregateIdentifier String changeRequestId, String environment, String comment, Set<String> roles, Set<String> groups) {
}

package dev.flagledger.domain.approval;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Rejects as the caller, who must be one the policy admits as approver. */
public record RejectChangeRequest(@TargetAggregateIdentifier String changeRequestId, String environment, String comment, Set<String> roles, Set<String> groups) {
}

package dev.flagledger.domain.approval;

import dev.flagledger.domain.project.EnvironmentProtection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A change request as its applier reads it from the event stream. */
public record ChangeRequestFacts(String changeRequestId, String projectKey, String environment,
                                 ChangeRequestStatus status, Reviewer author, EnvironmentProtection policy,
                                 List<ProposedCommand> commands, Map<String, String> proposedWith,
                                 List<Reviewer> approvals, Instant applyAt, String reason, String ticket) {
    public ChangeRequestFacts {
        commands = List.copyOf(commands);
        approvals = List.copyOf(approvals);
        proposedWith = Map.copyOf(proposedWith);
    }
}

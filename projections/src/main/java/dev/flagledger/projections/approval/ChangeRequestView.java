package dev.flagledger.projections.approval;

import dev.flagledger.domain.approval.ProposedChange;
import dev.flagledger.domain.approval.ProposedCommand;
import dev.flagledger.domain.project.EnvironmentProtection;

import java.time.OffsetDateTime;
import java.util.List;

/** A change request as the read model has it: proposal, policy, reviews and outcome. */
public record ChangeRequestView(String id, String projectKey, String environment, String kind, String title,
                                String ticket, String reason, String status, Person author, OffsetDateTime openedAt,
                                OffsetDateTime updatedAt, OffsetDateTime applyAt, OffsetDateTime appliedAt,
                                boolean breakGlass, Person appliedBy, String failure, int requiredApprovals,
                                EnvironmentProtection policy, List<Review> approvals, Review rejection,
                                List<ProposedCommand> commands, List<ProposedChange> diff, long version,
                                long openedPosition) {

    public record Person(String subject, String name) {
    }

    public record Review(String subject, String name, String comment, String at) {
    }
}

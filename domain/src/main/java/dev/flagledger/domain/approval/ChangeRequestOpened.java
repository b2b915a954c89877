package dev.flagledger.domain.approval;

import dev.flagledger.domain.project.EnvironmentProtection;

import java.util.List;
import java.util.Map;

/**
 * A change was proposed: the exact commands, the diff against the state they were based on, the
 * policy in force when it was opened (which governs it to the end), and the metadata the commands
 * will run with (author, reason, origin). {@code kind} is CHANGE (a diverted mutation) or PROMOTION.
 */
public record ChangeRequestOpened(String changeRequestId, String projectKey, String environment, String kind,
                                  String title, String ticket, String reason, Reviewer author,
                                  List<ProposedCommand> commands, List<ProposedChange> diff,
                                  EnvironmentProtection policy, Map<String, String> proposedWith)
        implements ChangeRequestEvent {
    public ChangeRequestOpened {
        commands = List.copyOf(commands);
        diff = List.copyOf(diff);
        proposedWith = Map.copyOf(proposedWith);
    }
}

package dev.flagledger.domain.approval;

import dev.flagledger.domain.project.EnvironmentProtection;
import java.util.List;
import java.util.Map;

/** Opens a change request; sent by the server, never built from client input directly. */
public record OpenChangeRequest(String changeRequestId, String projectKey, String environment, String kind, String title, String ticket, List<ProposedCommand> commands, List<ProposedChange> diff, EnvironmentProtection policy, Map<String, String> proposedWith) {
}

package dev.flagledger.domain.approval;

/**
 * One command a change request will run, exactly as proposed: its type and serialized payload, the
 * aggregate it targets (with the version it was based on, -1 for one it creates) and a one-line summary.
 * Plain strings on purpose, so the request stays readable even if a command's shape changes later.
 */
public record ProposedCommand(String commandType, String payload, String aggregateType, String aggregateId,
                              String subjectKey, long basedOnVersion, String summary) {
}

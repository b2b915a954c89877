package dev.flagledger.domain.approval;

/**
 * One line of a change request's diff: a field of a flag, segment or project (dotted path, as the
 * audit trail names it) with its JSON value now and after the change (null when absent).
 */
public record ProposedChange(String subjectKind, String subjectKey, String field, String before, String after) {
}

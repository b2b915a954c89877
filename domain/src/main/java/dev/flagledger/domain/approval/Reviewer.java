package dev.flagledger.domain.approval;

/** A person as a change request records them: the stable subject and the name people know. */
public record Reviewer(String subject, String name) {
}

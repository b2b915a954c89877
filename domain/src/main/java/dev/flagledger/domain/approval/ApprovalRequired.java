package dev.flagledger.domain.approval;

/**
 * Thrown where a command reaches a protected environment without an approved change request: it
 * changes nothing. The command gateway turns it into a new change request; any other path sees a refusal.
 */
public final class ApprovalRequired extends RuntimeException {
    private final String projectKey;
    private final String environment;

    public ApprovalRequired(String projectKey, String environment) {
        super("environment " + environment + " of project " + projectKey
                + " is protected: changes to it need an approved change request", null, false, false);
        this.projectKey = projectKey;
        this.environment = environment;
    }

    public String projectKey() {
        return projectKey;
    }

    public String environment() {
        return environment;
    }
}

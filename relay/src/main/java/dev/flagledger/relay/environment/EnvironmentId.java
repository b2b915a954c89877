package dev.flagledger.relay.environment;

import java.util.regex.Pattern;

/** One environment of one project: what an SDK key reads, and what the relay mirrors. */
public record EnvironmentId(String projectKey, String environment) {
    /** Keys are validated by the server; this only keeps file names and log lines safe. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    public EnvironmentId {
        if (projectKey == null || !KEY.matcher(projectKey).matches() || environment == null
                || !KEY.matcher(environment).matches())
            throw new IllegalArgumentException("not a project/environment key: " + projectKey + "/" + environment);
    }

    @Override
    public String toString() {
        return projectKey + "/" + environment;
    }
}

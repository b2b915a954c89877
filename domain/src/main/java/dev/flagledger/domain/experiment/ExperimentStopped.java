package dev.flagledger.domain.experiment;

import java.time.Instant;

/** The experiment stopped serving: its rule leaves the flag, and exposures after this no longer count. */
public record ExperimentStopped(String experimentId, String projectKey, String experimentKey, String flagId,
                                String flagKey, String environment, String ruleId, Instant stoppedAt)
        implements ExperimentEvent {
}

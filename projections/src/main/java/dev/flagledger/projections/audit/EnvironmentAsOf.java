package dev.flagledger.projections.audit;

import dev.flagledger.projections.flag.FlagView;

import java.util.List;

/** An environment and every flag of its project as they were at an instant (flags in key order). */
public record EnvironmentAsOf(String projectKey, String key, String name, boolean requireReason,
                              List<FlagView> flags) {
}

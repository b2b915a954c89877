package dev.flagledger.domain.flag;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Puts an experiment's rule first in a flag's targeting in one environment, replaces it where it
 * stands, or (rule null) removes it. Sent by the experiment-serving policy after the experiment
 * recorded the change, with that change's actor, reason and correlation id; the other rules stay.
 */
public record ServeExperiment(@TargetAggregateIdentifier String flagId, String environment, String ruleId,
                              TargetingRule rule) {
}

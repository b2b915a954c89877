package dev.flagledger.domain.experiment;

import java.util.Optional;

/** A consistent look-up of a project's metrics by key (loaded from their event streams). */
public interface MetricCatalog {
    Optional<MetricFacts> find(String projectKey, String metricKey);
}

package dev.flagledger.server.experiment;

import dev.flagledger.domain.experiment.Metric;
import dev.flagledger.domain.experiment.MetricCatalog;
import dev.flagledger.domain.experiment.MetricFacts;
import dev.flagledger.server.registry.AggregateFacts;
import dev.flagledger.server.targeting.RegistryLookup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Finds a metric by key through the key registry and loads it from its event stream. */
@Component
public class EventSourcedMetricCatalog implements MetricCatalog {
    private final AggregateFacts aggregates;
    private final JdbcTemplate jdbc;

    public EventSourcedMetricCatalog(AggregateFacts aggregates, JdbcTemplate jdbc) {
        this.aggregates = aggregates;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<MetricFacts> find(String projectKey, String metricKey) {
        return RegistryLookup.owner(jdbc, "metric:" + projectKey, metricKey)
                .flatMap(id -> aggregates.of(Metric.class, id, Metric::facts));
    }
}

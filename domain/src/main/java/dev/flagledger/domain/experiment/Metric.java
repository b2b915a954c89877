package dev.flagledger.domain.experiment;

import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.KeyRegistry;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.domain.shared.Reason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;

import static dev.flagledger.domain.shared.Recorder.currentVersion;
import static dev.flagledger.domain.shared.Recorder.record;

/**
 * A metric of a project: how tracked events (or imported values) become one number per unit. Its key
 * is unique in the project (a key registry claim), so experiments can name it.
 */
public class Metric {
    @AggregateIdentifier
    private String metricId;
    private String projectKey;
    private String metricKey;
    private MetricDefinition definition;

    protected Metric() {
        // for Axon
    }

    @CommandHandler
    public Metric(DefineMetric command, ProjectCatalog projects, KeyRegistry keys,
                  @MetaDataValue(ChangeMetadata.REASON) String reason) {
        var project = projects.find(command.projectKey().value())
                .orElseThrow(() -> new NotFound("no project " + command.projectKey().value()));
        Reason.check(reason, false, "metrics");
        MetricDefinition checked = MetricCheck.check(command.definition());
        keys.claim("metric:" + project.key(), command.metricKey().value(), command.metricId());
        record(new MetricDefined(command.metricId(), project.key(), command.metricKey().value(), checked));
    }

    @CommandHandler
    public long handle(UpdateMetric command, @MetaDataValue(ChangeMetadata.REASON) String reason) {
        Reason.check(reason, false, "metrics");
        MetricDefinition checked = MetricCheck.check(command.definition());
        if (!checked.equals(definition)) record(new MetricUpdated(metricId, projectKey, metricKey, checked));
        return currentVersion();
    }

    public MetricFacts facts() {
        return new MetricFacts(metricId, metricKey, definition);
    }

    @EventSourcingHandler
    void on(MetricDefined event) {
        metricId = event.metricId();
        projectKey = event.projectKey();
        metricKey = event.metricKey();
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(MetricUpdated event) {
        definition = event.definition();
    }
}

package dev.flagledger.domain.segment;

import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.KeyRegistry;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.domain.shared.Reason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.flagledger.domain.shared.Recorder.currentVersion;
import static dev.flagledger.domain.shared.Recorder.record;

/**
 * A reusable audience of a project, used by flags in every environment. Its key is unique in the
 * project (a key registry claim) and stays taken after archiving, so an old rule never silently
 * starts matching a new segment of the same name.
 */
public class Segment {
    @AggregateIdentifier
    private String segmentId;
    private String projectKey;
    private String segmentKey;
    private SegmentDefinition definition;
    private boolean archived;

    protected Segment() {
        // for Axon
    }

    @CommandHandler
    public Segment(CreateSegment command, ProjectCatalog projects, SegmentCatalog segments, KeyRegistry keys,
                   @MetaDataValue(ChangeMetadata.REASON) String reason) {
        ProjectFacts project = project(projects, command.projectKey().value());
        Reason.check(reason, project.anyEnvironmentRequiresReason(), "segments");
        String key = command.segmentKey().value();
        SegmentDefinition checked = checkedAgainstProject(project.key(), key, command.definition(), segments);
        keys.claim("segment:" + project.key(), key, command.segmentId());
        record(new SegmentCreated(command.segmentId(), project.key(), key, checked));
    }

    @CommandHandler
    public long handle(UpdateSegment command, ProjectCatalog projects, SegmentCatalog segments,
                       @MetaDataValue(ChangeMetadata.REASON) String reason) {
        requireActive();
        Reason.check(reason, project(projects, projectKey).anyEnvironmentRequiresReason(), "segments");
        SegmentDefinition checked = checkedAgainstProject(projectKey, segmentKey, command.definition(), segments);
        if (!checked.equals(definition)) record(new SegmentUpdated(segmentId, projectKey, segmentKey, checked));
        return currentVersion();
    }

    @CommandHandler
    public long handle(ArchiveSegment command, ProjectCatalog projects,
                       @MetaDataValue(ChangeMetadata.REASON) String reason) {
        Reason.check(reason, project(projects, projectKey).anyEnvironmentRequiresReason(), "segments");
        if (!archived) record(new SegmentArchived(segmentId, projectKey, segmentKey));
        return currentVersion();
    }

    public String projectKey() {
        return projectKey;
    }

    /** The whole current definition, as promotion copies it. */
    public SegmentDefinition definition() {
        return definition;
    }

    /** What other aggregates may know of this segment. */
    public SegmentFacts facts() {
        Set<String> named = definition.segmentKeys().collect(Collectors.toSet());
        return new SegmentFacts(segmentId, segmentKey, archived, named);
    }

    private static SegmentDefinition checkedAgainstProject(String projectKey, String key, SegmentDefinition definition,
                                                           SegmentCatalog segments) {
        SegmentDefinition checked = SegmentCheck.check(key, definition);
        List<String> named = checked.segmentKeys().distinct().toList();
        if (named.contains(key)) throw new InvalidInput("segment " + key + " cannot contain itself");
        SegmentReferences.requireExisting(projectKey, named, segments);
        SegmentReferences.requireAcyclic(projectKey, key, named, segments);
        return checked;
    }

    private void requireActive() {
        if (archived) throw new InvalidInput("segment " + segmentKey + " is archived");
    }

    private static ProjectFacts project(ProjectCatalog projects, String projectKey) {
        return projects.find(projectKey).orElseThrow(() -> new NotFound("no project " + projectKey));
    }

    @EventSourcingHandler
    void on(SegmentCreated event) {
        segmentId = event.segmentId();
        projectKey = event.projectKey();
        segmentKey = event.segmentKey();
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(SegmentUpdated event) {
        definition = event.definition();
    }

    @EventSourcingHandler
    void on(SegmentArchived event) {
        archived = true;
    }
}

package dev.flagledger.graphql.segment;

import dev.flagledger.graphql.error.NotReadableYet;
import dev.flagledger.domain.project.ProjectKey;
import dev.flagledger.domain.segment.ArchiveSegment;
import dev.flagledger.domain.segment.Behaviour;
import dev.flagledger.domain.segment.CreateSegment;
import dev.flagledger.domain.segment.SegmentDefinition;
import dev.flagledger.domain.segment.SegmentKey;
import dev.flagledger.domain.segment.SegmentRule;
import dev.flagledger.domain.segment.UpdateSegment;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.graphql.change.ChangeSender;
import dev.flagledger.graphql.connection.KeysetConnection;
import dev.flagledger.projections.segment.SegmentQueries;
import dev.flagledger.projections.segment.SegmentView;
import graphql.GraphQLContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Segments: queries over the segment read model, one mutation per command. */
@Controller
public class SegmentController {
    private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);
    private final SegmentQueries queries;
    private final ChangeSender changes;

    public SegmentController(SegmentQueries queries, ChangeSender changes) {
        this.queries = queries;
        this.changes = changes;
    }

    /** Input of {@code createSegment}. */
    public record CreateSegmentInput(String projectKey, String key, String name, String description,
                                     List<String> included, List<String> excluded, List<SegmentRule> rules,
                                     Behaviour behaviour, String reason) {
    }

    /** Input of {@code updateSegment}. */
    public record UpdateSegmentInput(String projectKey, String key, String name, String description,
                                     List<String> included, List<String> excluded, List<SegmentRule> rules,
                                     Behaviour behaviour, long expectedVersion, String reason) {
    }

    /** Input of {@code archiveSegment}. */
    public record ArchiveSegmentInput(String projectKey, String key, long expectedVersion, String reason) {
    }

    @QueryMapping
    public Optional<SegmentView> segment(@Argument String projectKey, @Argument String key) {
        return queries.segment(projectKey, key);
    }

    @QueryMapping
    public Map<String, Object> segments(@Argument String projectKey, @Argument Boolean archived,
                                        @Argument Integer first, @Argument String after) {
        int size = KeysetConnection.pageSize(first);
        List<SegmentView> page = queries.segments(projectKey, Boolean.TRUE.equals(archived), size,
                KeysetConnection.keyAfter("segment", after));
        boolean hasNext = page.size() > size;
        return KeysetConnection.of("segment", hasNext ? page.subList(0, size) : page, hasNext, after,
                SegmentView::key, null);
    }

    @MutationMapping
    public Map<String, Object> createSegment(@Argument CreateSegmentInput input, Authentication actor,
                                             GraphQLContext context) {
        String segmentId = UUID.randomUUID().toString();
        changes.send(new CreateSegment(segmentId, new ProjectKey(input.projectKey()), new SegmentKey(input.key()),
                new SegmentDefinition(input.name(), input.description(), input.included(), input.excluded(),
                        input.rules(), input.behaviour())), input.reason(), actor, context);
        return changed(segmentId, 0);
    }

    @MutationMapping
    public Map<String, Object> updateSegment(@Argument UpdateSegmentInput input, Authentication actor,
                                             GraphQLContext context) {
        SegmentView segment = existing(input.projectKey(), input.key());
        return changed(segment.id(), changes.send(new UpdateSegment(segment.id(), new SegmentDefinition(input.name(),
                input.description(), input.included(), input.excluded(), input.rules(), input.behaviour()),
                input.expectedVersion()),
                input.reason(), actor, context));
    }

    @MutationMapping
    public Map<String, Object> archiveSegment(@Argument ArchiveSegmentInput input, Authentication actor,
                                              GraphQLContext context) {
        SegmentView segment = existing(input.projectKey(), input.key());
        return changed(segment.id(), changes.send(new ArchiveSegment(segment.id(), input.expectedVersion()),
                input.reason(), actor, context));
    }

    private SegmentView existing(String projectKey, String key) {
        return queries.segment(projectKey, key)
                .orElseThrow(() -> new NotFound("no segment " + key + " in project " + projectKey));
    }

    private Map<String, Object> changed(String segmentId, long version) {
        return Map.of("segment", queries.awaitSegment(segmentId, version, READ_YOUR_WRITE)
                .or(() -> queries.segmentById(segmentId))
                .orElseThrow(() -> new NotReadableYet("segment " + segmentId)));
    }
}

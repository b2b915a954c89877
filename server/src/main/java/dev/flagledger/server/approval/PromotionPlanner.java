package dev.flagledger.server.approval;

import dev.flagledger.domain.flag.Clause;
import dev.flagledger.domain.flag.Flag;
import dev.flagledger.domain.flag.FlagEnvironmentConfiguration;
import dev.flagledger.domain.flag.SetFlagEnvironment;
import dev.flagledger.domain.flag.Targeting;
import dev.flagledger.domain.flag.TargetingRule;
import dev.flagledger.domain.project.EnvironmentKey;
import dev.flagledger.domain.project.EnvironmentProtection;
import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import dev.flagledger.domain.project.ProjectKey;
import dev.flagledger.domain.segment.CreateSegment;
import dev.flagledger.domain.segment.Segment;
import dev.flagledger.domain.segment.SegmentDefinition;
import dev.flagledger.domain.segment.SegmentKey;
import dev.flagledger.domain.segment.SegmentRule;
import dev.flagledger.domain.segment.UpdateSegment;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.graphql.approval.ChangeRequestDesk;
import dev.flagledger.server.registry.AggregateFacts;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns "promote these flags from A to B" into commands (docs/approvals.md): one
 * {@link SetFlagEnvironment} per flag with the source environment's on/off state, variations and
 * targeting; segment references rewritten by the mappings; and, for mappings that promote, the
 * target segment created or updated with the source segment's definition first. Segments are
 * project-wide, so a segment without a mapping is simply the same segment in both environments.
 * Nothing environment-specific travels: SDK keys belong to environments, not flags, and pending
 * schedules stay where they were made.
 */
@Component
public class PromotionPlanner {
    static final int MAX_FLAGS = 50;
    private final ProjectCatalog projects;
    private final AggregateFacts aggregates;
    private final JdbcTemplate jdbc;

    public PromotionPlanner(ProjectCatalog projects, AggregateFacts aggregates, JdbcTemplate jdbc) {
        this.projects = projects;
        this.aggregates = aggregates;
        this.jdbc = jdbc;
    }

    record Plan(List<ProposalRunner.Planned> commands, EnvironmentProtection policy) {
    }

    Plan plan(ChangeRequestDesk.Promotion promotion, MetaData author) {
        if (promotion.from() == null || promotion.to() == null) throw new InvalidInput("from and to are required");
        if (promotion.from().equals(promotion.to()))
            throw new InvalidInput("cannot promote environment " + promotion.from() + " to itself");
        List<String> flagKeys = promotion.flagKeys() == null ? List.of() : List.copyOf(new LinkedHashSet<>(promotion.flagKeys()));
        if (flagKeys.isEmpty()) throw new InvalidInput("name at least one flag to promote");
        if (flagKeys.size() > MAX_FLAGS) throw new InvalidInput("promote at most " + MAX_FLAGS + " flags at once");
        ProjectFacts project = projects.find(promotion.projectKey())
                .orElseThrow(() -> new NotFound("no project " + promotion.projectKey()));
        project.environment(promotion.from());
        project.environment(promotion.to());
        String projectKey = project.key();

        Map<String, ChangeRequestDesk.SegmentMapping> mappings = new LinkedHashMap<>();
        for (ChangeRequestDesk.SegmentMapping mapping : promotion.segments() == null
                ? List.<ChangeRequestDesk.SegmentMapping>of() : promotion.segments()) {
            if (mapping.source() == null || mapping.target() == null)
                throw new InvalidInput("a segment mapping names a source and a target segment");
            if (mappings.put(mapping.source(), mapping) != null)
                throw new InvalidInput("segment " + mapping.source() + " is mapped twice");
        }
        Map<String, String> renames = new HashMap<>();
        mappings.values().forEach(mapping -> renames.put(mapping.source(), mapping.target()));

        List<ProposalRunner.Planned> segmentCommands = new ArrayList<>();
        for (ChangeRequestDesk.SegmentMapping mapping : mappings.values()) {
            if (!mapping.promote()) continue;
            if (mapping.source().equals(mapping.target()))
                throw new InvalidInput("segment " + mapping.source() + " cannot be promoted onto itself; map it or leave it out");
            String sourceId = owner("segment:" + projectKey, mapping.source())
                    .orElseThrow(() -> new NotFound("no segment " + mapping.source() + " in project " + projectKey));
            SegmentDefinition source = aggregates.of(Segment.class, sourceId, Segment::definition)
                    .orElseThrow(() -> new NotFound("no segment " + mapping.source()));
            SegmentDefinition mapped = new SegmentDefinition(source.name(), source.description(), source.included(),
                    source.excluded(), source.rules().stream().map(rule -> new SegmentRule(rule.id(),
                    mapClauses(rule.clauses(), renames), rule.weight(), rule.bucketBy())).toList());
            Optional<String> targetId = owner("segment:" + projectKey, mapping.target());
            Object command = targetId.<Object>map(id -> new UpdateSegment(id, mapped, null))
                    .orElseGet(() -> new CreateSegment(UUID.randomUUID().toString(), new ProjectKey(projectKey),
                            new SegmentKey(mapping.target()), mapped));
            String aggregateId = targetId.orElseGet(() -> ((CreateSegment) command).segmentId());
            segmentCommands.add(planned(command, "Segment", aggregateId, mapping.target(), author));
        }

        List<ProposalRunner.Planned> commands = new ArrayList<>(segmentCommands);
        for (String flagKey : flagKeys) {
            String flagId = owner("flag:" + projectKey, flagKey)
                    .orElseThrow(() -> new NotFound("no flag " + flagKey + " in project " + projectKey));
            FlagEnvironmentConfiguration source = aggregates.of(Flag.class, flagId,
                    flag -> flag.configurationIn(promotion.from())).orElseThrow(() -> new NotFound("no flag " + flagKey));
            FlagEnvironmentConfiguration mapped = new FlagEnvironmentConfiguration(source.enabled(),
                    source.defaultVariation(), source.offVariation(), mapTargeting(source.targeting(), renames));
            commands.add(planned(new SetFlagEnvironment(flagId, new EnvironmentKey(promotion.to()), mapped, null),
                    "Flag", flagId, flagKey, author));
        }
        return new Plan(commands, project.protection(promotion.to()).orElse(EnvironmentProtection.UNPROTECTED));
    }

    private static ProposalRunner.Planned planned(Object command, String type, String id, String key, MetaData author) {
        return new ProposalRunner.Planned(GenericCommandMessage.asCommandMessage(command).andMetaData(author), type, id,
                key, null);
    }

    private static Targeting mapTargeting(Targeting targeting, Map<String, String> renames) {
        if (renames.isEmpty()) return targeting;
        return new Targeting(targeting.prerequisites(), targeting.targets(), targeting.rules().stream()
                .map(rule -> new TargetingRule(rule.id(), rule.description(), mapClauses(rule.clauses(), renames),
                        rule.serve())).toList(), targeting.fallthroughRollout());
    }

    private static List<Clause> mapClauses(List<Clause> clauses, Map<String, String> renames) {
        return clauses.stream().map(clause -> !Clause.IN_SEGMENT.equals(clause.operator()) ? clause
                : new Clause(clause.attribute(), clause.operator(), clause.values().stream()
                .map(value -> value instanceof String key ? renames.getOrDefault(key, key) : value).toList(),
                clause.negate())).toList();
    }

    private Optional<String> owner(String scope, String key) {
        return jdbc.query("select owner_id from key_registry where scope = ? and key_value = ?",
                (rs, row) -> rs.getString(1), scope, key).stream().findFirst();
    }

}

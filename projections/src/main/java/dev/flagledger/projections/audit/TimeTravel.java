package dev.flagledger.projections.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flagledger.domain.flag.EngineModel;
import dev.flagledger.domain.flag.FlagEnvironment;
import dev.flagledger.domain.flag.Targeting;
import dev.flagledger.domain.flag.ValueType;
import dev.flagledger.domain.flag.Variation;
import dev.flagledger.domain.segment.SegmentDefinition;
import dev.flagledger.domain.shared.NotFound;
import dev.flagledger.evaluation.EvaluationConfig;
import dev.flagledger.evaluation.model.EnvironmentDefinition;
import dev.flagledger.evaluation.model.FlagConfig;
import dev.flagledger.evaluation.model.InvalidConfigException;
import dev.flagledger.evaluation.model.Segment;
import dev.flagledger.projections.flag.FlagEnvironmentView;
import dev.flagledger.projections.flag.FlagView;
import dev.flagledger.privacy.subject.PersonalData;
import dev.flagledger.projections.flag.VariationView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flags, environments and evaluation configs as they were at an instant, computed by replaying each
 * aggregate's own event stream from the store up to that instant (never from the audit table or a
 * read model's state), starting from the newest time-travel checkpoint that instant covers
 * ({@link StreamReplay}). Read models only name the streams: a project's flags and segments are never
 * deleted, so their ids are all there.
 */
@Component
public class TimeTravel {
    private static final TypeReference<List<Variation>> VARIATIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private final StreamReplay replay;
    private final JdbcTemplate jdbc;
    private final PersonalData personal;

    public TimeTravel(StreamReplay replay, JdbcTemplate jdbc, PersonalData personal) {
        this.replay = replay;
        this.jdbc = jdbc;
        this.personal = personal;
    }

    public FlagView flagAsOf(String projectKey, String flagKey, Instant at) {
        return flagAsOf(projectKey, flagKey, at, ReplayMode.CHECKPOINTS);
    }

    /** {@link ReplayMode#FULL} ignores checkpoints: the reference that tests and benchmarks compare with. */
    public FlagView flagAsOf(String projectKey, String flagKey, Instant at, ReplayMode mode) {
        List<String> ids = jdbc.queryForList("select flag_id from flag_view where project_key = ? and flag_key = ?",
                String.class, projectKey, flagKey);
        StreamAsOf flag = ids.isEmpty() ? null : replay.replay(ids.get(0), at, mode);
        if (flag == null || !flag.exists())
            throw new NotFound("flag " + flagKey + " did not exist in project " + projectKey + " at " + at);
        return view(projectKey, flagKey, flag, environments(project(projectKey, at, mode)));
    }

    public EnvironmentAsOf environmentAsOf(String projectKey, String environment, Instant at) {
        StreamAsOf project = project(projectKey, at);
        JsonNode name = project.field("environments." + environment + ".name");
        if (name == null) throw new NotFound("no environment " + environment + " in project " + projectKey + " at " + at);
        List<String> environments = environments(project);
        List<FlagView> flags = new ArrayList<>();
        flagStreams(projectKey, at).forEach((key, flag) -> flags.add(view(projectKey, key, flag, environments)));
        return new EnvironmentAsOf(projectKey, environment, name.asText(),
                project.field("environments." + environment + ".requireReason").asBoolean(), flags);
    }

    /** The environment compiled exactly as the evaluation snapshot compiles it, from the state at {@code at}. */
    public ConfigAsOf configAsOf(String projectKey, String environment, Instant at) {
        StreamAsOf project = project(projectKey, at);
        if (project.field("environments." + environment + ".name") == null)
            throw new NotFound("no environment " + environment + " in project " + projectKey + " at " + at);
        List<String> lastEvents = new ArrayList<>(List.of(project.lastEventId()));
        List<FlagConfig> flags = new ArrayList<>();
        Map<String, String> invalidFlags = new LinkedHashMap<>();
        flagStreams(projectKey, at).forEach((key, flag) -> {
            lastEvents.add(flag.lastEventId());
            if (flag.field("archived").asBoolean()) return;
            try {
                // The replayed events hold sealed target keys; evaluation needs them plain (erased ones match no one).
                flags.add(EngineModel.flag(key, ValueType.valueOf(flag.field("valueType").asText()),
                        read(flag.field("variations"), VARIATIONS), flagEnvironment(flag, environment),
                        personal.open(targeting(flag, environment)), flag.version()));
            } catch (InvalidConfigException invalid) {
                invalidFlags.put(key, invalid.getMessage());
            }
        });
        List<Segment> segments = new ArrayList<>();
        Map<String, String> invalidSegments = new LinkedHashMap<>();
        segmentStreams(projectKey, at).forEach((key, segment) -> {
            lastEvents.add(segment.lastEventId());
            if (segment.field("archived").asBoolean()) return;
            try {
                segments.add(EngineModel.segment(key, personal.open(definition(segment)), segment.version()));
            } catch (InvalidConfigException invalid) {
                invalidSegments.put(key, invalid.getMessage());
            }
        });
        EvaluationConfig config = EvaluationConfig.compile(new EnvironmentDefinition(flags, segments, invalidFlags,
                invalidSegments));
        return new ConfigAsOf(config, position(lastEvents));
    }

    private StreamAsOf replay(String aggregateId, Instant at) {
        return replay.replay(aggregateId, at, ReplayMode.CHECKPOINTS);
    }

    private StreamAsOf project(String projectKey, Instant at) {
        return project(projectKey, at, ReplayMode.CHECKPOINTS);
    }

    private StreamAsOf project(String projectKey, Instant at, ReplayMode mode) {
        StreamAsOf project = replay.replay(projectKey, at, mode);
        if (!project.exists()) throw new NotFound("project " + projectKey + " did not exist at " + at);
        return project;
    }

    /** The project's flags that existed at {@code at}, by key. */
    private Map<String, StreamAsOf> flagStreams(String projectKey, Instant at) {
        return streams("select flag_key, flag_id from flag_view where project_key = ? order by flag_key", projectKey, at);
    }

    private Map<String, StreamAsOf> segmentStreams(String projectKey, Instant at) {
        return streams("select segment_key, segment_id from segment_view where project_key = ? order by segment_key",
                projectKey, at);
    }

    private Map<String, StreamAsOf> streams(String sql, String projectKey, Instant at) {
        Map<String, StreamAsOf> streams = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            StreamAsOf stream = replay(rs.getString(2), at);
            if (stream.exists()) streams.put(rs.getString(1), stream);
        }, projectKey);
        return streams;
    }

    /** Environment keys in the project's order (creation, then additions), as the flag read model lists them. */
    private static List<String> environments(StreamAsOf project) {
        List<String> keys = new ArrayList<>();
        for (String field : project.fields().keySet())
            if (field.startsWith("environments.") && field.endsWith(".name"))
                keys.add(field.substring("environments.".length(), field.length() - ".name".length()));
        return keys;
    }

    private static FlagView view(String projectKey, String flagKey, StreamAsOf flag, List<String> environments) {
        List<FlagEnvironmentView> configs = new ArrayList<>();
        for (String environment : environments) {
            FlagEnvironment config = flagEnvironment(flag, environment);
            configs.add(new FlagEnvironmentView(environment, config.enabled(), config.defaultVariation(),
                    config.offVariation(), targeting(flag, environment)));
        }
        List<VariationView> variations = read(flag.field("variations"), VARIATIONS).stream()
                .map(variation -> new VariationView(variation.key(), variation.name() == null ? "" : variation.name(),
                        variation.description() == null ? "" : variation.description(), variation.value()))
                .toList();
        JsonNode description = flag.field("description");
        return new FlagView(flag.aggregateId(), projectKey, flagKey, flag.field("name").asText(),
                description == null ? "" : description.asText(), read(flag.field("tags"), STRINGS),
                flag.field("valueType").asText(), variations, configs, flag.field("archived").asBoolean(),
                flag.version(), flag.createdAt().atOffset(ZoneOffset.UTC), flag.updatedAt().atOffset(ZoneOffset.UTC),
                flag.field("kind") == null ? "RELEASE" : flag.field("kind").asText());
    }

    private static FlagEnvironment flagEnvironment(StreamAsOf flag, String environment) {
        String prefix = "environments." + environment + ".";
        return new FlagEnvironment(environment, flag.field(prefix + "enabled").asBoolean(),
                flag.field(prefix + "defaultVariation").asText(), flag.field(prefix + "offVariation").asText());
    }

    private static Targeting targeting(StreamAsOf flag, String environment) {
        return read(flag.field("environments." + environment + ".targeting"), Targeting.class);
    }

    private static SegmentDefinition definition(StreamAsOf segment) {
        ObjectNode definition = JsonNodeFactory.instance.objectNode();
        for (String field : List.of("name", "description", "included", "excluded", "rules"))
            definition.set(field, segment.field(field));
        return read(definition, SegmentDefinition.class);
    }

    /** The newest global position among the events the answer reflects. */
    private long position(List<String> eventIds) {
        String marks = "?, ".repeat(eventIds.size() - 1) + "?";
        Long position = jdbc.queryForObject("select max(globalindex) from domainevententry where eventidentifier in ("
                + marks + ")", Long.class, eventIds.toArray());
        return position == null ? -1 : position;
    }

    private static <T> T read(JsonNode node, Class<T> type) {
        try {
            return AuditFields.JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a replayed value", e);
        }
    }

    private static <T> T read(JsonNode node, TypeReference<T> type) {
        return AuditFields.JSON.convertValue(node, type);
    }
}

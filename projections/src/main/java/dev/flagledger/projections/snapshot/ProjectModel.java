package dev.flagledger.projections.snapshot;

import dev.flagledger.domain.flag.EngineModel;
import dev.flagledger.domain.flag.FlagEnvironment;
import dev.flagledger.domain.flag.Targeting;
import dev.flagledger.domain.flag.ValueType;
import dev.flagledger.domain.flag.Variation;
import dev.flagledger.domain.segment.SegmentDefinition;
import dev.flagledger.evaluation.model.FlagConfig;
import dev.flagledger.evaluation.model.InvalidConfigException;
import dev.flagledger.evaluation.model.Segment;
import dev.flagledger.privacy.subject.PersonalData;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The mutable state of one project as the snapshot projection folds events into it. Touched only
 * by the projection's single thread; readers only ever see the immutable snapshots built from it.
 */
final class ProjectModel {
    final String projectKey;
    final Set<String> environments = new LinkedHashSet<>();
    /** By flag key, sorted so every snapshot lists flags in one stable order. */
    final Map<String, FlagModel> flags = new TreeMap<>();
    final Map<String, SegmentModel> segments = new TreeMap<>();

    ProjectModel(String projectKey) {
        this.projectKey = projectKey;
    }

    static final class FlagModel {
        final String key;
        final ValueType valueType;
        List<Variation> variations;
        final String defaultVariation;
        final String offVariation;
        final Map<String, FlagEnvironment> environments = new HashMap<>();
        final Map<String, Targeting> targeting = new HashMap<>();
        boolean archived;
        long version;

        FlagModel(String key, ValueType valueType, List<Variation> variations, String defaultVariation,
                  String offVariation) {
            this.key = key;
            this.valueType = valueType;
            this.variations = variations;
            this.defaultVariation = defaultVariation;
            this.offVariation = offVariation;
        }

        FlagEnvironment in(String environment) {
            return environments.getOrDefault(environment,
                    new FlagEnvironment(environment, false, defaultVariation, offVariation));
        }

        /**
         * Empty when archived; the engine's own checks turn a bad definition into PARSE_ERROR. Target keys
         * are opened here: the model keeps them sealed, only the compiled snapshot (memory) holds them plain.
         */
        Optional<FlagConfig> config(String environment, PersonalData personal) {
            if (archived) return Optional.empty();
            return Optional.of(EngineModel.flag(key, valueType, variations, in(environment),
                    personal.open(targeting.getOrDefault(environment, Targeting.NONE)), version));
        }
    }

    record SegmentModel(String key, SegmentDefinition definition, boolean archived, long version) {
        Optional<Segment> config(PersonalData personal) {
            return archived ? Optional.empty() : Optional.of(EngineModel.segment(key, personal.open(definition), version));
        }
    }

    /** Definitions of one environment; one that cannot even be built is kept aside by key with its reason. */
    record Definitions(List<FlagConfig> flags, List<Segment> segments, Map<String, String> invalidFlags,
                       Map<String, String> invalidSegments) {
    }

    Definitions definitions(String environment, PersonalData personal) {
        List<FlagConfig> flagConfigs = new ArrayList<>();
        Map<String, String> invalidFlags = new HashMap<>();
        flags.values().forEach(flag -> {
            try {
                flag.config(environment, personal).ifPresent(flagConfigs::add);
            } catch (InvalidConfigException invalid) {
                invalidFlags.put(flag.key, invalid.getMessage());
            }
        });
        List<Segment> segmentConfigs = new ArrayList<>();
        Map<String, String> invalidSegments = new HashMap<>();
        segments.values().forEach(segment -> {
            try {
                segment.config(personal).ifPresent(segmentConfigs::add);
            } catch (InvalidConfigException invalid) {
                invalidSegments.put(segment.key(), invalid.getMessage());
            }
        });
        return new Definitions(flagConfigs, segmentConfigs, invalidFlags, invalidSegments);
    }
}

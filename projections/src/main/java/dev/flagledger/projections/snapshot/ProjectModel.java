package dev.flagledger.projections.snapshot;

import dev.flagledger.domain.flag.EngineModel;
import dev.flagledger.domain.flag.FlagEnvironment;
import dev.flagledger.domain.flag.Targeting;
import dev.flagledger.domain.flag.ValueType;
import dev.flagledger.domain.flag.Variation;
import dev.flagledger.domain.segment.SegmentDefinition;
import dev.flagledger.evaluation.model.FlagConfig;
import dev.flagledger.evaluation.format.ConfigTreeWriter;
import dev.flagledger.evaluation.model.Segment;
import dev.flagledger.privacy.subject.PersonalData;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
    /**
     * Each segment as the engine takes it, built once per change: opening a segment's personal keys
     * decrypts every one of them, which would otherwise be paid again for every other change in the
     * project. Cleared by {@link #forgetBuilt} when a data subject's key is forgotten.
     */
    private final Map<String, Built<Segment>> builtSegments = new HashMap<>();

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
        /** Per environment, the flag as the engine takes it; cleared by {@link #changed}. */
        private final Map<String, Built<FlagConfig>> built = new HashMap<>();

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

        /** Every change to the flag goes through here, so nothing built from its old state is served again. */
        void changed(long version) {
            this.version = version;
            built.clear();
        }

        /**
         * Empty when archived; the engine's own checks turn a bad definition into PARSE_ERROR. Target keys
         * are opened here: the model keeps them sealed, only the compiled snapshot (memory) holds them plain.
         * The same instance comes back until the flag changes, so the compiler can reuse its work.
         */
        Built<FlagConfig> config(String environment, PersonalData personal) {
            return built.computeIfAbsent(environment, env -> Built.of(key, () -> archived ? null
                    : EngineModel.flag(key, valueType, variations, in(env),
                            personal.open(targeting.getOrDefault(env, Targeting.NONE)), version),
                    ConfigTreeWriter::write));
        }

        void forgetBuilt() {
            built.clear();
        }
    }

    record SegmentModel(String key, SegmentDefinition definition, boolean archived, long version) {
    }

    /** The engine's form of a segment, built once until it changes ({@link #putSegment}). */
    Built<Segment> segmentConfig(SegmentModel segment, PersonalData personal) {
        return builtSegments.computeIfAbsent(segment.key(), key -> Built.of(key, () -> segment.archived() ? null
                : EngineModel.segment(key, personal.open(segment.definition()), segment.version()),
                ConfigTreeWriter::write));
    }

    void putSegment(SegmentModel segment) {
        segments.put(segment.key(), segment);
        builtSegments.remove(segment.key());
    }

    /** A data subject's key was forgotten: everything opened with it must be opened again. */
    void forgetBuilt() {
        builtSegments.clear();
        flags.values().forEach(FlagModel::forgetBuilt);
    }

    /**
     * A flag or segment as the engine takes it and as SDKs download it: the config (empty when
     * archived) with its tree, or why it cannot even be built (a definition older than a rule;
     * the domain validates before writing).
     */
    record Built<T>(Optional<T> config, Map<String, Object> tree, String invalid) {
        static <T> Built<T> of(String key, java.util.function.Supplier<T> build,
                               java.util.function.Function<T, Map<String, Object>> writer) {
            try {
                T config = build.get();
                if (config == null) return new Built<>(Optional.empty(), null, null);
                Map<String, Object> tree = writer.apply(config);
                return new Built<>(Optional.of(config), Collections.unmodifiableMap(tree), null);
            } catch (RuntimeException invalid) {
                Map<String, Object> broken = new LinkedHashMap<>();
                broken.put("key", key);
                broken.put("invalid", invalid.getMessage());
                return new Built<>(Optional.empty(), Collections.unmodifiableMap(broken), invalid.getMessage());
            }
        }
    }

    /** Definitions of one environment; one that cannot even be built is kept aside by key with its reason. */
    record Definitions(List<FlagConfig> flags, List<Segment> segments, Map<String, String> invalidFlags,
                       Map<String, String> invalidSegments, Map<String, Object> tree) {
    }

    Definitions definitions(String environment, PersonalData personal) {
        List<FlagConfig> flagConfigs = new ArrayList<>();
        Map<String, Object> flagTrees = new LinkedHashMap<>();
        Map<String, String> invalidFlags = new HashMap<>();
        flags.values().forEach(flag -> collect(flag.key, flag.config(environment, personal), flagConfigs, flagTrees,
                invalidFlags));
        List<Segment> segmentConfigs = new ArrayList<>();
        Map<String, Object> segmentTrees = new LinkedHashMap<>();
        Map<String, String> invalidSegments = new HashMap<>();
        segments.values().forEach(segment -> collect(segment.key(), segmentConfig(segment, personal), segmentConfigs,
                segmentTrees, invalidSegments));
        return new Definitions(flagConfigs, segmentConfigs, invalidFlags, invalidSegments,
                ConfigTreeWriter.root(flagTrees, segmentTrees));
    }

    private static <T> void collect(String key, Built<T> built, List<T> configs, Map<String, Object> trees,
                                    Map<String, String> invalid) {
        if (built.invalid() != null) {
            invalid.put(key, built.invalid());
        } else if (built.config().isPresent()) {
            configs.add(built.config().get());
            trees.put(key, built.tree());
        }
    }
}

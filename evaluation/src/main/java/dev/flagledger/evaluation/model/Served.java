package dev.flagledger.evaluation.model;

import java.util.List;
import java.util.stream.Stream;

/** What a rule or the fallthrough serves: one fixed variant, or a percentage rollout. */
public sealed interface Served permits Served.Variation, Served.Rollout {

    /** The variants this may serve; used to check them against the flag's variations. */
    Stream<String> variants();

    /** Always the same variant. */
    record Variation(String variant) implements Served {
        public Variation {
            Checks.requireText(variant, "served variant");
        }

        @Override
        public Stream<String> variants() {
            return Stream.of(variant);
        }
    }

    /**
     * A deterministic split: the context's {@code bucketBy} value is hashed with the salt into a
     * bucket 0..99 999 and the weights are walked cumulatively.
     *
     * @param weights  in order, summing to exactly {@value #TOTAL_WEIGHT}
     * @param bucketBy attribute path hashed for the bucket; null means {@code targetingKey}
     * @param salt     null means the flag's salt (which itself defaults to the flag key)
     * @param bucketing null means Flagledger's own bucketing; else the imported platform's
     */
    record Rollout(List<WeightedVariant> weights, String bucketBy, String salt, Bucketing bucketing) implements Served {
        public static final int TOTAL_WEIGHT = 100_000;
        public static final String DEFAULT_BUCKET_BY = "targetingKey";

        public Rollout {
            weights = Checks.listOf(weights, "rollout weights");
            if (weights.isEmpty()) {
                throw new InvalidConfigException("a rollout needs at least one weighted variant");
            }
            long sum = weights.stream().mapToLong(WeightedVariant::weight).sum();
            if (sum != TOTAL_WEIGHT) {
                throw new InvalidConfigException("rollout weights must sum to " + TOTAL_WEIGHT + ", not " + sum);
            }
            bucketBy = bucketBy == null ? DEFAULT_BUCKET_BY : Checks.requireText(bucketBy, "bucketBy");
            if (salt != null) {
                Checks.requireText(salt, "rollout salt");
            }
            if (bucketing instanceof Bucketing.Flagd flagd && flagd.relativeWeights() != null
                    && flagd.relativeWeights().size() != weights.size()) {
                throw new InvalidConfigException("flagd relative weights must list one weight per variant");
            }
        }

        public Rollout(List<WeightedVariant> weights, String bucketBy, String salt) {
            this(weights, bucketBy, salt, null);
        }

        @Override
        public Stream<String> variants() {
            Stream<String> weighted = weights.stream().map(WeightedVariant::variant);
            return bucketing instanceof Bucketing.Flagd flagd && flagd.fallbackVariation() != null
                    ? Stream.concat(weighted, Stream.of(flagd.fallbackVariation())) : weighted;
        }
    }
}

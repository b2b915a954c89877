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
     * bucket 0..99 999 and the weights are walked cumulatively, or, when the variants list bucket
     * ranges, the variant whose range holds the bucket is served.
     *
     * @param weights  in order, summing to exactly {@value #TOTAL_WEIGHT}
     * @param bucketBy attribute path hashed for the bucket; null means {@code targetingKey}
     * @param salt     null means the flag's salt (which itself defaults to the flag key)
     * @param bucketing null means Flagledger's own bucketing; else the imported platform's
     */
    record Rollout(List<WeightedVariant> weights, String bucketBy, String salt, Bucketing bucketing) implements Served {
        public static final int TOTAL_WEIGHT = 100_000;
        public static final String DEFAULT_BUCKET_BY = "targetingKey";
        /** Bucket ranges of one rollout, all variants together: a bound on config size and compile work. */
        public static final int MAX_RANGES = 10_000;

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
            checkRanges(weights, bucketing);
        }

        /** True when the variants own explicit bucket ranges rather than the cumulative walk's. */
        public boolean hasRanges() {
            return weights.get(0).ranges() != null;
        }

        /**
         * Bucket ranges are all or nothing, and together they cover 0..99 999 exactly once (each
         * variant's add up to its weight, checked by {@link WeightedVariant}).
         */
        private static void checkRanges(List<WeightedVariant> weights, Bucketing bucketing) {
            long withRanges = weights.stream().filter(weighted -> weighted.ranges() != null).count();
            if (withRanges == 0) {
                return;
            }
            if (withRanges != weights.size()) {
                throw new InvalidConfigException("bucket ranges must be given for every variant of a rollout or for none");
            }
            if (bucketing instanceof Bucketing.Flagd) {
                throw new InvalidConfigException("bucket ranges need integer buckets: flagd bucketing cannot use them");
            }
            List<BucketRange> all = new java.util.ArrayList<>();
            weights.forEach(weighted -> all.addAll(weighted.ranges()));
            if (all.size() > MAX_RANGES) {
                throw new InvalidConfigException("a rollout has at most " + MAX_RANGES + " bucket ranges, not " + all.size());
            }
            all.sort(java.util.Comparator.comparingInt(BucketRange::from));
            int next = 0;
            for (BucketRange range : all) {
                if (range.from() != next) {
                    throw new InvalidConfigException(range.from() < next
                            ? "bucket ranges overlap at " + range.from()
                            : "bucket ranges leave buckets " + next + ".." + (range.from() - 1) + " to no variant");
                }
                next = range.to();
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

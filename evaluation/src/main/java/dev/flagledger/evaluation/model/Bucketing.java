package dev.flagledger.evaluation.model;

import java.util.List;

/**
 * How a rollout turns a context into a variant, when it is not Flagledger's own MurmurHash3 walk
 * (CONVENTIONS section 3). Imported flags keep the hash and inputs of the platform they came from,
 * so no user changes bucket when a team moves (docs/evaluation.md, "Bucketing specs"). Absent
 * (null) means Flagledger's own.
 */
public sealed interface Bucketing permits Bucketing.Flagd, Bucketing.Unleash {

    /** The JSON name of the algorithm, as the config tree and the spec vectors write it. */
    String algorithm();

    /**
     * flagd's {@code fractional}: MurmurHash3 x86 32-bit (seed 0) of the UTF-8 of
     * {@code prefix + value}; {@code |hash|} (Java int semantics) as a float percentage
     * {@code |hash| / 2147483647f * 100}; the variants' float percentages
     * {@code weight * 100 / total} are summed in order and the first whose running sum exceeds the
     * bucket wins. flagd's default input is the flag key followed by the targeting key, so
     * {@code prefix} is the flag's key in flagd.
     *
     * @param relativeWeights flagd's own integer weights, when they are not exactly the rollout's
     *                        (for example thirds); null means the rollout's weights
     * @param fallbackVariation served (reason DEFAULT) where flagd falls back to its default variant:
     *                        no string value to hash, or a bucket past the last running sum; null
     *                        makes those an error like any rollout without its value
     */
    record Flagd(String prefix, List<Integer> relativeWeights, String fallbackVariation) implements Bucketing {
        public Flagd {
            prefix = prefix == null ? "" : prefix;
            if (relativeWeights != null) {
                relativeWeights = List.copyOf(relativeWeights);
                if (relativeWeights.stream().anyMatch(w -> w == null || w < 0 || w > 1_000_000)) {
                    throw new InvalidConfigException("flagd relative weights must be within 0..1000000");
                }
            }
            if (fallbackVariation != null) {
                Checks.requireText(fallbackVariation, "fallbackVariation");
            }
        }

        @Override
        public String algorithm() {
            return "flagd";
        }
    }

    /**
     * Unleash's normalized MurmurHash3: {@code murmur3_x86_32(groupId + ":" + value, seed)} read as
     * unsigned, modulo {@code modulus}; that number {@code n} (0..modulus-1) is the bucket
     * {@code n * 100000 / modulus}. Gradual rollouts use seed 0 and modulus 100 (Unleash's
     * {@code normalizedValue = n + 1 <= percentage}), variants seed 86028157 and the total variant
     * weight (1000). The rollout's weights are the platform's weights scaled to 100 000.
     */
    record Unleash(String groupId, int seed, int modulus) implements Bucketing {
        public static final int VARIANT_SEED = 86_028_157;

        public Unleash {
            groupId = groupId == null ? "" : groupId;
            if (modulus < 1 || Served.Rollout.TOTAL_WEIGHT % modulus != 0) {
                throw new InvalidConfigException("unleash modulus must divide 100000: " + modulus);
            }
        }

        @Override
        public String algorithm() {
            return "unleash";
        }
    }
}

package dev.flagledger.evaluation.bucketing;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.codec.digest.MurmurHash3;

import dev.flagledger.evaluation.model.WeightedVariant;

/**
 * The bucketing every SDK must reproduce bit for bit (CONVENTIONS section 3): MurmurHash3 x86
 * 32-bit with seed 0 over the UTF-8 bytes of {@code salt + "." + value}, read as unsigned and
 * scaled to 0..99 999.
 */
public final class Bucketer {
    /** Number of buckets; weights are expressed in the same unit. */
    public static final int BUCKETS = 100_000;

    private Bucketer() {
    }

    /** The bucket, 0..99 999, of {@code value} under {@code salt}. */
    public static int bucket(String salt, String value) {
        byte[] bytes = (salt + "." + value).getBytes(StandardCharsets.UTF_8);
        // hash32x86, not the deprecated hash32 which mis-handles negative bytes (non-ASCII text).
        int hash = MurmurHash3.hash32x86(bytes, 0, bytes.length, 0);
        return scale(Integer.toUnsignedLong(hash));
    }

    /** {@code unsignedHash * 100 000 / 2^32} in long arithmetic: never overflows, always < 100 000. */
    static int scale(long unsignedHash) {
        return (int) ((unsignedHash * BUCKETS) >>> 32);
    }

    /**
     * Walks the weights cumulatively: the first variant whose running total exceeds the bucket
     * wins, so a variant of weight w owns exactly w buckets and weight 0 owns none.
     */
    public static String variantFor(int bucket, List<WeightedVariant> weights) {
        int cumulative = 0;
        for (WeightedVariant weighted : weights) {
            cumulative += weighted.weight();
            if (bucket < cumulative) {
                return weighted.variant();
            }
        }
        // Unreachable for weights summing to 100 000; the last variant is the safe answer.
        return weights.get(weights.size() - 1).variant();
    }
}

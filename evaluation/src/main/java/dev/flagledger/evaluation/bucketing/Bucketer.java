package dev.flagledger.evaluation.bucketing;

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

    /** Hash inputs up to this many bytes reuse the thread's buffer; longer ones get their own. */
    private static final int REUSED_BUFFER_BYTES = 1024;
    /**
     * One buffer per thread for the hash input: a rollout is on the evaluation hot path, and
     * building {@code salt + "." + value} and its UTF-8 bytes allocated two objects per call
     * (issue 9's profile). Evaluation never yields mid-hash, so a thread-local buffer is safe.
     */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[REUSED_BUFFER_BYTES]);

    /** The bucket, 0..99 999, of {@code value} under {@code salt}. */
    public static int bucket(String salt, String value) {
        // UTF-8 needs at most 3 bytes per UTF-16 char (a surrogate pair: 4 bytes for 2 chars).
        int maxBytes = 3 * (salt.length() + 1 + value.length());
        byte[] buffer = maxBytes <= REUSED_BUFFER_BYTES ? BUFFER.get() : new byte[maxBytes];
        int length = Utf8.encode(salt, buffer, 0);
        buffer[length++] = '.';
        length = Utf8.encode(value, buffer, length);
        // hash32x86, not the deprecated hash32 which mis-handles negative bytes (non-ASCII text).
        int hash = MurmurHash3.hash32x86(buffer, 0, length, 0);
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

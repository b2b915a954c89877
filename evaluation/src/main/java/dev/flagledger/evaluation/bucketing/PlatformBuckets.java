package dev.flagledger.evaluation.bucketing;

import java.nio.charset.StandardCharsets;

import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Other platforms' bucketing, bit for bit, for rollouts imported from them (docs/evaluation.md,
 * "Bucketing specs"). Off the default hot path: only rollouts that carry a bucketing spec use it.
 */
public final class PlatformBuckets {
    /** flagd divides by this float: {@code (float) Integer.MAX_VALUE}, which rounds to 2^31. */
    private static final float FLAGD_DIVISOR = 2.14748365E9f;

    private PlatformBuckets() {
    }

    /**
     * flagd's fractional bucket, a float percentage: {@code |hash| * 1f / 2147483647f * 100f}, with
     * Java's {@code Math.abs} (so {@code Integer.MIN_VALUE} stays negative) and float arithmetic.
     */
    public static float flagdBucket(String input) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        int hash = MurmurHash3.hash32x86(bytes, 0, bytes.length, 0);
        return (float) Math.abs(hash) * 1.0f / FLAGD_DIVISOR * 100.0f;
    }

    /**
     * flagd's walk: each weight's float percentage {@code w * 100 / total} is added in order and the
     * first whose running sum exceeds the bucket is chosen. Answers its index, or -1 where flagd
     * finds no bucket (it then serves the flag's default variant).
     */
    public static int flagdIndex(float bucket, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        float sum = 0f;
        for (int i = 0; i < weights.length; i++) {
            float percentage = weights[i] == 0 ? 0f : (float) (weights[i] * 100) / (float) total;
            sum += percentage;
            if (bucket < sum) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Unleash's normalized hash less one, {@code murmur3(groupId + ":" + value, seed) mod modulus}
     * (0..modulus-1), scaled to Flagledger's 0..99 999 buckets.
     */
    public static int unleashBucket(String groupId, int seed, int modulus, String value) {
        byte[] bytes = (groupId + ":" + value).getBytes(StandardCharsets.UTF_8);
        long hash = Integer.toUnsignedLong(MurmurHash3.hash32x86(bytes, 0, bytes.length, seed));
        return (int) (hash % modulus) * (Bucketer.BUCKETS / modulus);
    }
}

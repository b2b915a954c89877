package dev.flagledger.domain.flag;

/** Buckets {@code from} (inclusive) to {@code to} (exclusive) of 0..99 999, owned by one variation of a rollout. */
public record BucketRange(int from, int to) {
    public int length() {
        return to - from;
    }
}

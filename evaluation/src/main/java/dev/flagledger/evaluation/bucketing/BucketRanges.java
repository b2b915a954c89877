package dev.flagledger.evaluation.bucketing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import dev.flagledger.evaluation.model.BucketRange;
import dev.flagledger.evaluation.model.WeightedVariant;

/**
 * A rollout's explicit bucket ranges compiled for lookup: the ranges' starts in order and the variant
 * owning each, so serving is one binary search and allocates nothing. The rollout's own check has made
 * sure they cover 0..99 999 exactly once.
 */
public final class BucketRanges {
    private final int[] starts;
    private final String[] variants;

    private BucketRanges(int[] starts, String[] variants) {
        this.starts = starts;
        this.variants = variants;
    }

    public static BucketRanges of(List<WeightedVariant> weights) {
        List<Object[]> owned = new ArrayList<>();
        for (WeightedVariant weighted : weights) {
            for (BucketRange range : weighted.ranges()) {
                owned.add(new Object[] {range.from(), weighted.variant()});
            }
        }
        owned.sort(Comparator.comparingInt(entry -> (Integer) entry[0]));
        int[] starts = new int[owned.size()];
        String[] variants = new String[owned.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = (Integer) owned.get(i)[0];
            variants[i] = (String) owned.get(i)[1];
        }
        return new BucketRanges(starts, variants);
    }

    /** The variant whose range holds {@code bucket} (0..99 999). */
    public String variantFor(int bucket) {
        int at = Arrays.binarySearch(starts, bucket);
        return variants[at >= 0 ? at : -at - 2];
    }
}

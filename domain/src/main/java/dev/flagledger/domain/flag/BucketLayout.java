package dev.flagledger.domain.flag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sticky re-weighting: which buckets each variation of a rollout owns after its weights change, so that
 * as few units as possible change variation (docs/evaluation.md, "Bucket ranges").
 *
 * <p>Every variation keeps the buckets it had, except that a shrinking variation gives up exactly as many
 * as it shrinks and a growing one takes exactly as many as it grows: the buckets that change owner are the
 * sum of the decreases, the least any re-weighting can move, and a unit whose bucket stays with its
 * variation keeps it. Which of a shrinking variation's buckets go is free, so the choice keeps ranges few:
 * first a boundary between a shrinking and a growing neighbour moves (no new range), then a shrinking
 * variation gives up its smallest ranges first, from their upper end. Deterministic: the same layout and
 * weights always give the same result, so the domain records it and every engine just reads it.
 *
 * <p>A layout that is exactly the cumulative walk of its weights is returned without ranges, so the
 * config keeps its old shape wherever ranges add nothing: two variations (only their boundary ever
 * moves), a first re-weighting that only moves neighbouring boundaries, any rollout never re-weighted.
 */
public final class BucketLayout {
    private BucketLayout() {
    }

    /** The layout a rollout without ranges serves: each variation the next {@code weight} buckets, in order. */
    public static List<Weight> contiguous(List<Weight> weights) {
        List<Weight> laid = new ArrayList<>();
        int from = 0;
        for (Weight weight : weights) {
            laid.add(new Weight(weight.variation(), weight.weight(), weight.weight() == 0 ? List.of()
                    : List.of(new BucketRange(from, from + weight.weight()))));
            from += weight.weight();
        }
        return laid;
    }

    /**
     * {@code next} (the same variations in the same order, weights summing to 100 000) laid over the
     * buckets {@code current} serves (with or without ranges); without ranges when that is the cumulative walk.
     */
    public static List<Weight> reweight(List<Weight> current, List<Weight> next) {
        if (current.size() != next.size())
            throw new IllegalArgumentException("a re-weighting keeps the variations: " + current.size() + " vs " + next.size());
        List<Weight> laid = laid(current);
        int arms = laid.size();
        int[] release = new int[arms];
        int[] need = new int[arms];
        List<int[]> segments = new ArrayList<>(); // {from, to, arm}
        for (int arm = 0; arm < arms; arm++) {
            if (!laid.get(arm).variation().equals(next.get(arm).variation()))
                throw new IllegalArgumentException("a re-weighting keeps the variations in order");
            int owned = 0;
            for (BucketRange range : laid.get(arm).ranges()) {
                segments.add(new int[] {range.from(), range.to(), arm});
                owned += range.length();
            }
            int delta = next.get(arm).weight() - owned;
            if (delta < 0) release[arm] = -delta;
            else need[arm] = delta;
        }
        segments = normalized(segments);
        segments = moveBoundaries(segments, release, need);
        segments = carve(segments, release, need);

        List<List<BucketRange>> owned = new ArrayList<>();
        for (int arm = 0; arm < arms; arm++) owned.add(new ArrayList<>());
        for (int[] segment : segments) owned.get(segment[2]).add(new BucketRange(segment[0], segment[1]));
        List<Weight> result = new ArrayList<>();
        for (int arm = 0; arm < arms; arm++)
            result.add(new Weight(next.get(arm).variation(), next.get(arm).weight(), owned.get(arm)));
        return contiguous(next).equals(result) ? withoutRanges(next) : result;
    }

    /** The buckets {@code weights} serve, as ranges (the cumulative walk's when it lists none). */
    static List<Weight> laid(List<Weight> weights) {
        return weights.isEmpty() || weights.get(0).ranges() == null ? contiguous(weights) : weights;
    }

    private static List<Weight> withoutRanges(List<Weight> weights) {
        return weights.stream().map(weight -> new Weight(weight.variation(), weight.weight())).toList();
    }

    /**
     * Where a shrinking variation's range touches a growing one's, the boundary moves into the shrinking
     * range: buckets change owner and no range is added. Repeats until no such pair is left.
     */
    private static List<int[]> moveBoundaries(List<int[]> segments, int[] release, int[] need) {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (int i = 0; i + 1 < segments.size() && !moved; i++) {
                int[] left = segments.get(i);
                int[] right = segments.get(i + 1);
                if (release[left[2]] > 0 && need[right[2]] > 0) {
                    int amount = Math.min(Math.min(release[left[2]], need[right[2]]), left[1] - left[0]);
                    left[1] -= amount;
                    right[0] -= amount;
                    release[left[2]] -= amount;
                    need[right[2]] -= amount;
                    moved = true;
                } else if (release[right[2]] > 0 && need[left[2]] > 0) {
                    int amount = Math.min(Math.min(release[right[2]], need[left[2]]), right[1] - right[0]);
                    left[1] += amount;
                    right[0] += amount;
                    release[right[2]] -= amount;
                    need[left[2]] -= amount;
                    moved = true;
                }
            }
            if (moved) segments = normalized(segments);
        }
        return segments;
    }

    /**
     * What is still to move: each shrinking variation (in order) gives up its smallest ranges first, from
     * their upper end; the freed pieces, lowest first, go to the growing variations in order.
     */
    private static List<int[]> carve(List<int[]> segments, int[] release, int[] need) {
        List<int[]> freed = new ArrayList<>();
        for (int arm = 0; arm < release.length; arm++) {
            while (release[arm] > 0) {
                int[] smallest = null;
                for (int[] segment : segments)
                    if (segment[2] == arm && segment[1] > segment[0]
                            && (smallest == null || segment[1] - segment[0] < smallest[1] - smallest[0]))
                        smallest = segment;
                if (smallest == null) throw new IllegalStateException("variation " + arm + " owns fewer buckets than it gives up");
                int amount = Math.min(release[arm], smallest[1] - smallest[0]);
                freed.add(new int[] {smallest[1] - amount, smallest[1]});
                smallest[1] -= amount;
                release[arm] -= amount;
            }
        }
        freed.sort(Comparator.comparingInt(piece -> piece[0]));
        int arm = 0;
        for (int[] piece : freed) {
            while (piece[0] < piece[1]) {
                while (need[arm] == 0) arm++;
                int take = Math.min(need[arm], piece[1] - piece[0]);
                segments.add(new int[] {piece[0], piece[0] + take, arm});
                piece[0] += take;
                need[arm] -= take;
            }
        }
        return normalized(segments);
    }

    /** Sorted by start, empty ranges dropped, touching ranges of one variation merged. */
    private static List<int[]> normalized(List<int[]> segments) {
        List<int[]> sorted = new ArrayList<>();
        for (int[] segment : segments) if (segment[1] > segment[0]) sorted.add(segment);
        sorted.sort(Comparator.comparingInt(segment -> segment[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] segment : sorted) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last[2] == segment[2] && last[1] == segment[0]) last[1] = segment[1];
            else merged.add(new int[] {segment[0], segment[1], segment[2]});
        }
        return merged;
    }
}

package dev.flagledger.domain.flag;

import java.util.List;

/**
 * How a rollout (or a segment rule's share) buckets contexts when it keeps an imported platform's
 * hash: {@code algorithm} {@code flagd} (with {@code prefix}, optional {@code relativeWeights} and
 * {@code fallbackVariation}) or {@code unleash} (with {@code groupId}, {@code seed},
 * {@code modulus}). Null on a rollout means Flagledger's own. Plain data, so events stay readable
 * when validation changes; {@link EngineModel} checks it by compiling it (docs/evaluation.md).
 */
public record Bucketing(String algorithm, String prefix, List<Integer> relativeWeights, String fallbackVariation,
                        String groupId, Integer seed, Integer modulus) {
    public Bucketing {
        relativeWeights = relativeWeights == null ? null : List.copyOf(relativeWeights);
    }
}

package dev.flagledger.evaluation.model;

/**
 * One slice of a rollout: a variant and its weight in thousandths of a percent (0..100 000), so
 * 12.345 % is written as 12 345.
 */
public record WeightedVariant(String variant, int weight) {
    public WeightedVariant {
        Checks.requireText(variant, "rollout variant");
        if (weight < 0 || weight > Served.Rollout.TOTAL_WEIGHT) {
            throw new InvalidConfigException("weight of '" + variant + "' must be within 0.."
                    + Served.Rollout.TOTAL_WEIGHT + ": " + weight);
        }
    }
}

package dev.flagledger.evaluation.model;

/** Another flag that must be on and serve {@code variant} to this context first. */
public record Prerequisite(String flagKey, String variant) {
    public Prerequisite {
        Checks.requireText(flagKey, "prerequisite flag key");
        Checks.requireText(variant, "prerequisite variant");
    }
}

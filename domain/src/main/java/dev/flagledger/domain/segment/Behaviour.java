package dev.flagledger.domain.segment;

/**
 * What makes a behavioural cohort: the units that sent {@code eventName} at least {@code minCount} times in
 * the last {@code days} days in {@code environment}, or the units that were assigned {@code arm} of
 * experiment {@code experimentKey}. The cohort refresher keeps the segment's included keys equal to those
 * units on a schedule, so the segment works in targeting, and in every SDK, like any other.
 */
public record Behaviour(String environment, String eventName, Integer minCount, Integer days, String experimentKey,
                        String arm) {

    public boolean eventBased() {
        return eventName != null;
    }
}

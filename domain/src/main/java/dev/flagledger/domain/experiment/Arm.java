package dev.flagledger.domain.experiment;

/** An arm: one of the flag's variations and its share of the eligible traffic, in thousandths of a percent. */
public record Arm(String variation, int weight) {
}

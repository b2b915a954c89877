package dev.flagledger.domain.flag;

/** One slice of a rollout: a variation and its share in thousandths of a percent (12.5 % is 12 500). */
public record Weight(String variation, int weight) {
}

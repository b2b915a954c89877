package dev.flagledger.domain.experiment;

/** Which way is good for a metric: conversions up, latency down. */
public enum MetricDirection { HIGHER_IS_BETTER, LOWER_IS_BETTER }

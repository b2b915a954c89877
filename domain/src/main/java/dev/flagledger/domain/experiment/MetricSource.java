package dev.flagledger.domain.experiment;

/** Where a metric's per-unit values come from: tracked SDK events, or imported from a warehouse (CSV). */
public enum MetricSource { EVENTS, IMPORTED }

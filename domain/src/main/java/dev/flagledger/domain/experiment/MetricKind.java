package dev.flagledger.domain.experiment;

/**
 * How a metric turns a unit's tracked events into its value (docs/experiments.md):
 * CONVERSION 1 if the unit sent the event within the window after its first exposure, else 0;
 * COUNT the number of such events; MEAN the sum of their values (a value-less event adds 0), averaged
 * over units; RATIO the sum over units of the numerator event's values over the denominator event's
 * (a value-less event adds 1 on either side, so "orders" counts and "revenue" sums).
 */
public enum MetricKind { CONVERSION, COUNT, MEAN, RATIO }

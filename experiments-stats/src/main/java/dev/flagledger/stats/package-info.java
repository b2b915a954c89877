/**
 * Statistics for experiments, computed from per-arm aggregates (unit counts, sums, sums of squares and
 * cross-products), never from raw events. Pure Java with Hipparchus for distributions; no framework,
 * no I/O. See docs/experiments.md for the formulas and the reasons behind each choice.
 */
package dev.flagledger.stats;

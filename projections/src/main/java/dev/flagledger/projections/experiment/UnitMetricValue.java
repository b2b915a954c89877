package dev.flagledger.projections.experiment;

import dev.flagledger.domain.experiment.MetricDefinition;
import dev.flagledger.domain.experiment.MetricKind;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One unit's value of one metric from its custom events, relative to its first exposure (docs/experiments.md,
 * "Metrics"): events in [first exposure, first exposure + window] count; events before the first exposure
 * make the pre-exposure value CUPED uses.
 */
record UnitMetricValue(double value, double denominator, double preValue) {
    static final UnitMetricValue ZERO = new UnitMetricValue(0, 0, 0);

    record Event(String name, Double value, Instant at) {
    }

    static UnitMetricValue of(MetricDefinition metric, Instant firstExposure, List<Event> events) {
        Instant end = metric.windowHours() == null ? Instant.MAX
                : firstExposure.plus(Duration.ofHours(metric.windowHours()));
        double value = 0;
        double denominator = 0;
        double pre = 0;
        boolean converted = false;
        boolean convertedBefore = false;
        for (Event event : events) {
            boolean before = event.at().isBefore(firstExposure);
            boolean inWindow = !before && !event.at().isAfter(end);
            if (!before && !inWindow) continue;
            boolean numerator = event.name().equals(metric.eventName());
            boolean denominatorEvent = metric.kind() == MetricKind.RATIO && event.name().equals(metric.denominatorEvent());
            if (!numerator && !denominatorEvent) continue;
            double amount = switch (metric.kind()) {
                case CONVERSION, COUNT -> 1;
                case MEAN -> event.value() == null ? 0 : event.value();
                case RATIO -> event.value() == null ? 1 : event.value();
            };
            if (metric.kind() == MetricKind.CONVERSION) {
                if (before) convertedBefore = true;
                else converted = true;
            } else if (before) {
                if (numerator && metric.kind() != MetricKind.RATIO) pre += amount;
            } else {
                if (numerator) value += amount;
                if (denominatorEvent) denominator += amount;
            }
        }
        if (metric.kind() == MetricKind.CONVERSION) return new UnitMetricValue(converted ? 1 : 0, 0, convertedBefore ? 1 : 0);
        return new UnitMetricValue(value, denominator, pre);
    }

    boolean zero() {
        return value == 0 && denominator == 0 && preValue == 0;
    }
}

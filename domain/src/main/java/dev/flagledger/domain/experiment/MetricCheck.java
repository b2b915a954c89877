package dev.flagledger.domain.experiment;

import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.Text;

import java.util.regex.Pattern;

/** Validates a metric definition and returns it normalised. */
public final class MetricCheck {
    /** The same shape the ingestion endpoint accepts for custom event names. */
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    /** A year: windows longer than that are not "after exposure" any more. */
    static final int MAX_WINDOW_HOURS = 24 * 366;

    private MetricCheck() {
    }

    public static MetricDefinition check(MetricDefinition definition) {
        if (definition == null) throw new InvalidInput("a metric definition is required");
        String name = Text.required("name", definition.name(), Text.NAME_MAX);
        String description = Text.optional("description", definition.description(), Text.DESCRIPTION_MAX);
        if (definition.kind() == null) throw new InvalidInput("metric kind is required");
        if (definition.direction() == null) throw new InvalidInput("metric direction is required");
        MetricSource source = definition.source() == null ? MetricSource.EVENTS : definition.source();
        String event = definition.eventName();
        String denominator = definition.denominatorEvent();
        if (source == MetricSource.EVENTS) {
            Text.matching("eventName", event, EVENT_NAME);
            if (definition.kind() == MetricKind.RATIO) Text.matching("denominatorEvent", denominator, EVENT_NAME);
            else if (denominator != null) throw new InvalidInput("only RATIO metrics have a denominatorEvent");
        } else {
            if (definition.kind() == MetricKind.CONVERSION)
                throw new InvalidInput("an imported metric is COUNT, MEAN or RATIO (its values come from the file)");
            event = null;
            denominator = null;
        }
        Integer window = definition.windowHours();
        if (window != null && (window < 1 || window > MAX_WINDOW_HOURS))
            throw new InvalidInput("windowHours must be in [1, " + MAX_WINDOW_HOURS + "], got " + window);
        if (definition.kind() == MetricKind.CONVERSION && source == MetricSource.EVENTS && window == null)
            window = 72;
        Double cap = definition.capPercentile();
        if (cap != null && !(cap >= 50 && cap < 100))
            throw new InvalidInput("capPercentile must be in [50, 100), got " + cap);
        if (cap != null && definition.kind() == MetricKind.CONVERSION)
            throw new InvalidInput("a conversion (0 or 1 per unit) cannot be capped");
        return new MetricDefinition(name, description, definition.kind(), source, event, denominator, window,
                definition.direction(), cap);
    }
}

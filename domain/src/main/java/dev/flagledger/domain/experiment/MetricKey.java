package dev.flagledger.domain.experiment;

import dev.flagledger.domain.shared.Text;

import java.util.regex.Pattern;

/** A metric's key, unique within its project. */
public record MetricKey(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public MetricKey {
        Text.matching("metric key", value, SHAPE);
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.flagledger.domain.experiment;

import dev.flagledger.domain.shared.Text;

import java.util.regex.Pattern;

/** An experiment's key, unique within its project; at most 59 characters, so its rule id {@code exp-KEY} fits. */
public record ExperimentKey(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,58}");

    public ExperimentKey {
        Text.matching("experiment key", value, SHAPE);
    }

    @Override
    public String toString() {
        return value;
    }
}

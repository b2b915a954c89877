package dev.flagledger.domain.project;

import dev.flagledger.domain.shared.Text;

import java.util.regex.Pattern;

/** An environment's key: immutable, used by SDK keys and APIs; its display name can change. */
public record EnvironmentKey(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public EnvironmentKey {
        Text.matching("environment key", value, SHAPE);
    }

    @Override
    public String toString() {
        return value;
    }
}

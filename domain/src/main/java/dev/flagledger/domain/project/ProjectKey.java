package dev.flagledger.domain.project;

import dev.flagledger.domain.shared.Text;

import java.util.regex.Pattern;

/** A project's immutable key; it is also the identifier of the project's event stream. */
public record ProjectKey(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public ProjectKey {
        Text.matching("project key", value, SHAPE);
    }

    /** Axon routes commands by the identifier's string form. */
    @Override
    public String toString() {
        return value;
    }
}

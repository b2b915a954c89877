package dev.flagledger.domain.flag;

import dev.flagledger.domain.shared.Text;

import java.util.regex.Pattern;

/** A flag's key, unique within its project; what SDKs ask for. */
public record FlagKey(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    public FlagKey {
        Text.matching("flag key", value, SHAPE);
    }

    @Override
    public String toString() {
        return value;
    }
}

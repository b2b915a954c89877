package dev.flagledger.domain.flag;

import dev.flagledger.domain.shared.Text;

import java.util.regex.Pattern;

/** The name by which rules, defaults and SDK results refer to a variation. */
public final class VariationKey {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private VariationKey() {
    }

    public static String check(String value) {
        return Text.matching("variation key", value, SHAPE);
    }
}

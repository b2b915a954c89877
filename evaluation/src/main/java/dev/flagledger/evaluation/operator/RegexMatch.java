package dev.flagledger.evaluation.operator;

import java.util.List;

/** {@code matches}: the string attribute contains a match of any of the patterns; see {@link BoundedRegex}. */
public final class RegexMatch implements AttributeOperator {
    public static final RegexMatch MATCHES = new RegexMatch();

    private RegexMatch() {
    }

    @Override
    public String name() {
        return "matches";
    }

    @Override
    public ValueMatcher compile(List<Object> values) {
        BoundedRegex[] patterns = OperatorValues.requireStrings(name(), values).stream()
                .map(BoundedRegex::compile)
                .toArray(BoundedRegex[]::new);
        return candidate -> {
            if (!(candidate instanceof String text)) {
                return false;
            }
            for (BoundedRegex pattern : patterns) {
                if (pattern.find(text)) {
                    return true;
                }
            }
            return false;
        };
    }
}

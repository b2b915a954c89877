package dev.flagledger.evaluation.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import dev.flagledger.evaluation.model.InvalidConfigException;

/**
 * {@code semverEq}, {@code semverLt}, {@code semverGt}: the attribute is a strict semver string;
 * anything else never matches. Clause values are parsed once, at compile time.
 */
public final class SemverComparison implements AttributeOperator {
    public static final SemverComparison SEMVER_EQ = new SemverComparison("semverEq", c -> c == 0);
    public static final SemverComparison SEMVER_LT = new SemverComparison("semverLt", c -> c < 0);
    public static final SemverComparison SEMVER_GT = new SemverComparison("semverGt", c -> c > 0);

    private final String name;
    private final IntPredicate onComparison;

    private SemverComparison(String name, IntPredicate onComparison) {
        this.name = name;
        this.onComparison = onComparison;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ValueMatcher compile(List<Object> values) {
        List<Semver> expected = new ArrayList<>();
        for (String text : OperatorValues.requireStrings(name, values)) {
            Semver version = Semver.parseOrNull(text);
            if (version == null) {
                throw new InvalidConfigException("operator '" + name + "' needs semver values like 1.2.3-beta.1, not: " + text);
            }
            expected.add(version);
        }
        Semver[] versions = expected.toArray(Semver[]::new);
        return candidate -> {
            if (!(candidate instanceof String text)) {
                return false;
            }
            // The usual attribute, a plain MAJOR.MINOR.PATCH, compares in place without allocating.
            int first = Semver.compareRelease(text, versions[0]);
            if (first != Semver.NOT_A_PLAIN_RELEASE) {
                if (onComparison.test(first)) {
                    return true;
                }
                for (int i = 1; i < versions.length; i++) {
                    if (onComparison.test(Semver.compareRelease(text, versions[i]))) {
                        return true;
                    }
                }
                return false;
            }
            Semver actual = Semver.parseOrNull(text);
            if (actual == null) {
                return false;
            }
            for (Semver version : versions) {
                if (onComparison.test(actual.compareTo(version))) {
                    return true;
                }
            }
            return false;
        };
    }
}

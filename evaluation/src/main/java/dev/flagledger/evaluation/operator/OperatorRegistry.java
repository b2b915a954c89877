package dev.flagledger.evaluation.operator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every operator a clause may name, in one place, so the config format and the engine agree. */
public final class OperatorRegistry {
    private static final OperatorRegistry STANDARD = new OperatorRegistry(
            Equality.EQUALS, Equality.IN,
            StringComparison.STARTS_WITH, StringComparison.ENDS_WITH, StringComparison.CONTAINS,
            RegexMatch.MATCHES,
            NumericComparison.LT, NumericComparison.LTE, NumericComparison.GT, NumericComparison.GTE,
            SemverComparison.SEMVER_EQ, SemverComparison.SEMVER_LT, SemverComparison.SEMVER_GT,
            DateComparison.BEFORE, DateComparison.AFTER,
            SegmentOperator.IN_SEGMENT);

    private final Map<String, Operator> byName;

    private OperatorRegistry(Operator... operators) {
        Map<String, Operator> map = new LinkedHashMap<>();
        for (Operator operator : operators) {
            if (map.put(operator.name(), operator) != null) {
                throw new IllegalStateException("operator registered twice: " + operator.name());
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** The operators of CONVENTIONS section 3. */
    public static OperatorRegistry standard() {
        return STANDARD;
    }

    public Optional<Operator> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Operator names in registration order. */
    public Set<String> names() {
        return byName.keySet();
    }
}

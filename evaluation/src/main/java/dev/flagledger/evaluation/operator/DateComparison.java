package dev.flagledger.evaluation.operator;

import java.time.Instant;
import java.util.List;

import dev.flagledger.evaluation.model.InvalidConfigException;

/**
 * {@code before} and {@code after}: strictly earlier or later than any clause value. Both sides
 * are ISO-8601 instants with an offset or epoch milliseconds; see {@link Instants}.
 */
public final class DateComparison implements AttributeOperator {
    public static final DateComparison BEFORE = new DateComparison("before", true);
    public static final DateComparison AFTER = new DateComparison("after", false);

    private final String name;
    private final boolean before;

    private DateComparison(String name, boolean before) {
        this.name = name;
        this.before = before;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ValueMatcher compile(List<Object> values) {
        List<Object> checked = OperatorValues.requireNonEmpty(name, values);
        Instant[] expected = new Instant[checked.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Instants.parseOrNull(checked.get(i));
            if (expected[i] == null) {
                throw new InvalidConfigException("operator '" + name
                        + "' needs ISO-8601 instants with an offset or epoch milliseconds, not: " + checked.get(i));
            }
        }
        return candidate -> {
            Instant actual = Instants.parseOrNull(candidate);
            if (actual == null) {
                return false;
            }
            for (Instant value : expected) {
                if (before ? actual.isBefore(value) : actual.isAfter(value)) {
                    return true;
                }
            }
            return false;
        };
    }
}

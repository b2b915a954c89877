package dev.flagledger.domain.flag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * One condition of a targeting or segment rule (CONVENTIONS §3): an attribute path, an operator,
 * values that are ORed, and whether the outcome is inverted. {@code attribute} is null for
 * {@code inSegment}. Plain data; {@link TargetingCheck} validates it against the engine.
 */
public record Clause(String attribute, String operator, List<Object> values, boolean negate) {
    public static final String IN_SEGMENT = "inSegment";

    public Clause {
        // Values may be JSON null (the engine then reports it), so List.copyOf would not do.
        values = values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The segment keys an {@code inSegment} clause names; nothing for other operators. */
    public Stream<String> segmentKeys() {
        if (!IN_SEGMENT.equals(operator)) return Stream.empty();
        return values.stream().filter(String.class::isInstance).map(String.class::cast);
    }
}

package dev.flagledger.evaluation.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperatorRegistryTest {

    @Test
    void registers_exactly_the_operators_of_the_conventions() {
        assertThat(OperatorRegistry.standard().names()).containsExactly(
                "equals", "in", "startsWith", "endsWith", "contains", "matches", "lt", "lte", "gt", "gte",
                "semverEq", "semverLt", "semverGt", "before", "after", "inSegment");
    }

    @Test
    void in_segment_is_the_only_operator_that_looks_at_the_whole_context() {
        assertThat(OperatorRegistry.standard().names().stream()
                .map(name -> OperatorRegistry.standard().find(name).orElseThrow())
                .filter(SegmentOperator.class::isInstance))
                .containsExactly(SegmentOperator.IN_SEGMENT);
    }

    @Test
    void unknown_names_are_not_found() {
        assertThat(OperatorRegistry.standard().find("isIn")).isEmpty();
    }
}

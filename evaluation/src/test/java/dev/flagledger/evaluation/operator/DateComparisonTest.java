package dev.flagledger.evaluation.operator;

import static dev.flagledger.evaluation.operator.OperatorTables.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.flagledger.evaluation.model.InvalidConfigException;

class DateComparisonTest {
    private static final String NEW_YEAR = "2025-01-01T00:00:00Z";
    private static final long NEW_YEAR_MS = 1_735_689_600_000L;

    static Stream<Arguments> afterNewYear() {
        return Stream.of(
                Arguments.of("2025-06-01T00:00:00Z", true),
                Arguments.of(NEW_YEAR, false),
                Arguments.of("2025-01-01T00:00:00.000000001Z", true),
                Arguments.of("2025-01-01T01:00:00+02:00", false),
                Arguments.of("2025-01-01T00:30:00-01:00", true),
                Arguments.of(NEW_YEAR_MS + 1, true),
                Arguments.of(NEW_YEAR_MS, false),
                Arguments.of((double) (NEW_YEAR_MS + 1), true),
                Arguments.of(NEW_YEAR_MS + 0.5, false),
                Arguments.of("2025-06-01", false),
                Arguments.of("2025-06-01T00:00:00", false),
                Arguments.of("tomorrow", false),
                Arguments.of(true, false));
    }

    @ParameterizedTest(name = "{0} after new year 2025 is {1}")
    @MethodSource("afterNewYear")
    void after_is_strictly_later_for_iso_instants_and_epoch_millis(Object candidate, boolean expected) {
        assertThat(matches(DateComparison.AFTER, candidate, NEW_YEAR)).isEqualTo(expected);
    }

    @Test
    void before_is_strictly_earlier_and_values_may_be_epoch_millis() {
        assertThat(matches(DateComparison.BEFORE, "2024-12-31T23:59:59.999Z", NEW_YEAR_MS)).isTrue();
        assertThat(matches(DateComparison.BEFORE, NEW_YEAR, NEW_YEAR_MS)).isFalse();
    }

    @Test
    void clause_values_must_be_instants() {
        assertThatThrownBy(() -> DateComparison.BEFORE.compile(List.of("2025-01-01")))
                .isInstanceOf(InvalidConfigException.class);
    }
}

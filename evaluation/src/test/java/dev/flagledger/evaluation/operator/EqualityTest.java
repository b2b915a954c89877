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

class EqualityTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("same string", "NL", "NL", true),
                Arguments.of("strings are case-sensitive", "nl", "NL", false),
                Arguments.of("integer equals integer", 30, 30, true),
                Arguments.of("integer equals double of same value", 30, 30.0, true),
                Arguments.of("long equals integer", 30L, 30, true),
                Arguments.of("numbers differ", 30, 31, false),
                Arguments.of("numeric string is not a number", "30", 30, false),
                Arguments.of("number is not a numeric string", 30, "30", false),
                Arguments.of("true equals true", true, true, true),
                Arguments.of("true is not \"true\"", "true", true, false),
                Arguments.of("false is not true", false, true, false));
    }

    @ParameterizedTest(name = "equals: {0}")
    @MethodSource("table")
    void equals_compares_scalars_strictly_by_type(String why, Object candidate, Object value, boolean expected) {
        assertThat(matches(Equality.EQUALS, candidate, value)).isEqualTo(expected);
        assertThat(matches(Equality.IN, candidate, "other", value)).isEqualTo(expected);
    }

    @Test
    void in_matches_any_listed_value() {
        ValueMatcher in = OperatorTables.compile(Equality.IN, "NL", "BE", 3);
        assertThat(in.matches("BE")).isTrue();
        assertThat(in.matches(3.0)).isTrue();
        assertThat(in.matches("DE")).isFalse();
    }

    @Test
    void equals_takes_exactly_one_value() {
        assertThatThrownBy(() -> Equality.EQUALS.compile(List.of("NL", "BE")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("exactly one");
    }

    @Test
    void clause_values_must_be_scalars() {
        assertThatThrownBy(() -> Equality.IN.compile(List.of(List.of("NL"))))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void no_values_is_a_config_error() {
        assertThatThrownBy(() -> Equality.IN.compile(List.of())).isInstanceOf(InvalidConfigException.class);
    }
}

package dev.flagledger.evaluation.operator;

import static dev.flagledger.evaluation.operator.OperatorTables.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.flagledger.evaluation.model.InvalidConfigException;

class StringComparisonTest {

    @ParameterizedTest(name = "\"{1}\" {0} \"{2}\" is {3}")
    @CsvSource({
            "startsWith, admin@x.io, admin@, true",
            "startsWith, x-admin@x.io, admin@, false",
            "startsWith, ADMIN@x.io, admin@, false",
            "startsWith, admin, admin, true",
            "endsWith, ann@example.com, @example.com, true",
            "endsWith, ann@example.com.evil, @example.com, false",
            "endsWith, @example.com, @example.com, true",
            "contains, a+test@x.io, +test, true",
            "contains, a@x.io, +test, false",
            "contains, TEST, test, false",
    })
    void compares_strings_case_sensitively(String operator, String candidate, String value, boolean expected) {
        assertThat(matches(operator(operator), candidate, value)).isEqualTo(expected);
    }

    @Test
    void any_listed_value_may_match() {
        assertThat(matches(StringComparison.STARTS_WITH, "root@x.io", "admin@", "root@")).isTrue();
    }

    @Test
    void non_strings_never_match() {
        assertThat(matches(StringComparison.STARTS_WITH, 123, "1")).isFalse();
        assertThat(matches(StringComparison.CONTAINS, true, "t")).isFalse();
    }

    @Test
    void clause_values_must_be_strings() {
        assertThatThrownBy(() -> StringComparison.ENDS_WITH.compile(List.of(1)))
                .isInstanceOf(InvalidConfigException.class);
    }

    private static StringComparison operator(String name) {
        return switch (name) {
            case "startsWith" -> StringComparison.STARTS_WITH;
            case "endsWith" -> StringComparison.ENDS_WITH;
            default -> StringComparison.CONTAINS;
        };
    }
}

package dev.flagledger.evaluation.operator;

import static dev.flagledger.evaluation.operator.OperatorTables.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.flagledger.evaluation.model.InvalidConfigException;

class SemverComparisonTest {

    @ParameterizedTest(name = "{1} {0} {2} is {3}")
    @CsvSource({
            "semverEq, 1.2.3, 1.2.3, true", "semverEq, 1.2.3+b1, 1.2.3, true", "semverEq, 1.2.4, 1.2.3, false",
            "semverLt, 1.2.3-rc.1, 1.2.3, true", "semverLt, 1.10.0, 1.9.0, false", "semverLt, 1.2.3, 1.2.3, false",
            "semverGt, 1.0.0-alpha.10, 1.0.0-alpha.9, true", "semverGt, 1.0.0, 1.0.0-rc.1, true",
            "semverGt, 0.9.9, 1.0.0, false",
            "semverEq, 1.2, 1.2.0, false", "semverLt, latest, 9.9.9, false",
    })
    void compares_by_semver_precedence(String operator, String candidate, String value, boolean expected) {
        assertThat(matches(operator(operator), candidate, value)).isEqualTo(expected);
    }

    @Test
    void numbers_are_not_versions() {
        assertThat(matches(SemverComparison.SEMVER_LT, 1, "2.0.0")).isFalse();
    }

    @Test
    void clause_values_must_be_semver() {
        assertThatThrownBy(() -> SemverComparison.SEMVER_EQ.compile(List.of("1.2")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("1.2");
    }

    private static SemverComparison operator(String name) {
        return switch (name) {
            case "semverEq" -> SemverComparison.SEMVER_EQ;
            case "semverLt" -> SemverComparison.SEMVER_LT;
            default -> SemverComparison.SEMVER_GT;
        };
    }
}

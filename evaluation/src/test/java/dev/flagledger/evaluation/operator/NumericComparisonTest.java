package dev.flagledger.evaluation.operator;

import static dev.flagledger.evaluation.operator.OperatorTables.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.flagledger.evaluation.model.InvalidConfigException;

class NumericComparisonTest {

    @ParameterizedTest(name = "{1} {0} {2} is {3}")
    @CsvSource({
            "lt, 17, 18, true", "lt, 18, 18, false", "lt, 17.999, 18, true", "lt, -1, 0, true",
            "lte, 18, 18, true", "lte, 18.001, 18, false",
            "gt, 19, 18, true", "gt, 18, 18, false",
            "gte, 18, 18, true", "gte, 17.5, 18, false",
    })
    void compares_numbers_at_and_around_the_boundary(String operator, double candidate, double value,
                                                     boolean expected) {
        assertThat(matches(operator(operator), candidate, value)).isEqualTo(expected);
    }

    @Test
    void accepts_every_java_number_type() {
        assertThat(matches(NumericComparison.GT, 19, 18)).isTrue();
        assertThat(matches(NumericComparison.GT, 19L, 18)).isTrue();
        assertThat(matches(NumericComparison.GT, new BigDecimal("18.5"), 18)).isTrue();
        assertThat(matches(NumericComparison.GT, BigInteger.TEN.pow(30), 18)).isTrue();
    }

    @Test
    void strings_and_booleans_never_compare() {
        assertThat(matches(NumericComparison.LT, "1", 18)).isFalse();
        assertThat(matches(NumericComparison.LT, true, 18)).isFalse();
    }

    @Test
    void clause_values_must_be_numbers() {
        assertThatThrownBy(() -> NumericComparison.LT.compile(List.of("18")))
                .isInstanceOf(InvalidConfigException.class);
    }

    private static NumericComparison operator(String name) {
        return switch (name) {
            case "lt" -> NumericComparison.LT;
            case "lte" -> NumericComparison.LTE;
            case "gt" -> NumericComparison.GT;
            default -> NumericComparison.GTE;
        };
    }
}

package dev.flagledger.evaluation.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverTest {

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            "1.0.0, 2.0.0",
            "2.0.0, 2.1.0",
            "2.1.0, 2.1.1",
            "1.9.0, 1.10.0",
            "1.0.0-alpha, 1.0.0",
            // The ordered chain from semver.org section 11.
            "1.0.0-alpha, 1.0.0-alpha.1",
            "1.0.0-alpha.1, 1.0.0-alpha.beta",
            "1.0.0-alpha.beta, 1.0.0-beta",
            "1.0.0-beta, 1.0.0-beta.2",
            "1.0.0-beta.2, 1.0.0-beta.11",
            "1.0.0-beta.11, 1.0.0-rc.1",
            "1.0.0-rc.1, 1.0.0",
            "1.0.0-9, 1.0.0-10",
            "1.0.0-99999999999999999999, 1.0.0-100000000000000000000",
            "1.0.0-Z, 1.0.0-a",
    })
    void precedence_follows_semver_2(String lower, String higher) {
        Semver low = Semver.parseOrNull(lower);
        Semver high = Semver.parseOrNull(higher);
        assertThat(low.compareTo(high)).isNegative();
        assertThat(high.compareTo(low)).isPositive();
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource({"1.2.3, 1.2.3+build", "1.2.3-rc.1+a, 1.2.3-rc.1+b", "0.0.0, 0.0.0"})
    void build_metadata_does_not_change_precedence(String a, String b) {
        assertThat(Semver.parseOrNull(a).compareTo(Semver.parseOrNull(b))).isZero();
    }

    @Test
    void parses_parts_and_pre_release_identifiers() {
        assertThat(Semver.parseOrNull("10.20.30-rc.1.x-y+exp.sha.5114f85"))
                .isEqualTo(new Semver(10, 20, 30, List.of("rc", "1", "x-y")));
    }

    @ParameterizedTest(name = "\"{0}\" is not semver")
    @ValueSource(strings = {"", "1", "1.2", "1.2.3.4", "v1.2.3", "01.2.3", "1.02.3", "1.2.03", "1.2.3-",
            "1.2.3-01", "1.2.3-rc..1", "1.2.3+", "1.2.3+a..b", "1.2.3-rc_1", "a.b.c", "1.2.-3", " 1.2.3",
            "1.2.3 ", "1234567890123456789.0.0"})
    void rejects_what_is_not_strict_semver(String text) {
        assertThat(Semver.parseOrNull(text)).isNull();
    }

    @ParameterizedTest(name = "\"{0}\" is semver")
    @ValueSource(strings = {"0.0.0", "1.2.3-0", "1.2.3-0a", "1.2.3-a-b", "1.2.3+001", "1.2.3-alpha.0.valid"})
    void accepts_strict_semver_edge_cases(String text) {
        assertThat(Semver.parseOrNull(text)).isNotNull();
    }

    @Test
    void overlong_input_is_not_a_version() {
        assertThat(Semver.parseOrNull("1.2.3-" + "a".repeat(300))).isNull();
    }

    /** The allocation-free path must agree with parse-then-compare on every text it accepts, and refuse the rest. */
    @Test
    void compare_release_in_place_agrees_with_parsing_for_random_texts() {
        java.util.Random random = new java.util.Random(11);
        List<Semver> versions = java.util.stream.Stream.of("0.0.0", "1.2.3", "1.2.3-rc.1", "2.0.0", "10.0.1-0", "1.10.2")
                .map(Semver::parseOrNull).toList();
        String alphabet = "0123456789..-+a";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(9);
            for (int c = 0; c < length; c++) {
                text.append(alphabet.charAt(random.nextInt(random.nextInt(4) == 0 ? alphabet.length() : 11)));
            }
            String candidate = text.toString();
            Semver parsed = Semver.parseOrNull(candidate);
            for (Semver version : versions) {
                int fast = Semver.compareRelease(candidate, version);
                if (fast == Semver.NOT_A_PLAIN_RELEASE) {
                    // Refused: only prerelease/build texts or non-versions go to the parser.
                    assertThat(parsed == null || !parsed.prerelease().isEmpty() || candidate.contains("+"))
                            .as("'%s' refused but is a plain release", candidate).isTrue();
                } else {
                    assertThat(parsed).as("'%s' accepted but not semver", candidate).isNotNull();
                    assertThat(Integer.signum(fast)).as("'%s' vs %s", candidate, version)
                            .isEqualTo(Integer.signum(parsed.compareTo(version)));
                }
            }
        }
    }
}

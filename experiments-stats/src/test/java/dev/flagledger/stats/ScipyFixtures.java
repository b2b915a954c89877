package dev.flagledger.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flagledger.stats.metric.ArmEstimate;
import dev.flagledger.stats.metric.Moments;
import dev.flagledger.stats.metric.PairedMoments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Reads fixtures/stats-fixtures.json, written by fixtures/generate.py (SciPy), and compares at 1e-6. */
final class ScipyFixtures {
    /** Relative tolerance, with an absolute floor for values near zero. */
    static final double TOLERANCE = 1e-6;
    private static final double FLOOR = 1e-12;

    private static final JsonNode ROOT = load();

    private ScipyFixtures() {}

    private static JsonNode load() {
        try (InputStream in = ScipyFixtures.class.getResourceAsStream("/fixtures/stats-fixtures.json")) {
            if (in == null) throw new IllegalStateException("fixtures/stats-fixtures.json is missing from the classpath");
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<DynamicTest> cases(String section, java.util.function.Consumer<JsonNode> check) {
        JsonNode cases = ROOT.get(section);
        assertThat(cases).as("fixture section " + section).isNotNull();
        List<DynamicTest> tests = new ArrayList<>();
        cases.forEach(c -> tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check.accept(c))));
        assertThat(tests).as("cases in " + section).isNotEmpty();
        return tests.stream();
    }

    static void close(String what, double actual, double expected) {
        double allowed = TOLERANCE * Math.abs(expected) + FLOOR;
        assertThat(Math.abs(actual - expected))
                .as("%s: actual %s, SciPy %s (allowed difference %s)", what, actual, expected, allowed)
                .isLessThanOrEqualTo(allowed);
    }

    static Moments moments(JsonNode n) {
        return new Moments(n.get("n").asLong(), n.get("sum").asDouble(), n.get("sumSquares").asDouble());
    }

    static PairedMoments paired(JsonNode n) {
        return new PairedMoments(n.get("n").asLong(), n.get("sumX").asDouble(), n.get("sumXX").asDouble(),
                n.get("sumY").asDouble(), n.get("sumYY").asDouble(), n.get("sumXY").asDouble());
    }

    static ArmEstimate estimate(JsonNode n) {
        return new ArmEstimate(n.get("n").asLong(), n.get("mean").asDouble(), n.get("varianceOfMean").asDouble());
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
        return out;
    }

    static <T> List<T> list(JsonNode array, Function<JsonNode, T> f) {
        List<T> out = new ArrayList<>();
        array.forEach(n -> out.add(f.apply(n)));
        return out;
    }
}

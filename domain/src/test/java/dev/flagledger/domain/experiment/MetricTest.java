package dev.flagledger.domain.experiment;

import dev.flagledger.domain.InMemoryKeyRegistry;
import dev.flagledger.domain.project.Environment;
import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import dev.flagledger.domain.project.ProjectKey;
import dev.flagledger.domain.shared.InvalidInput;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.hamcrest.Matchers.containsString;

class MetricTest {
    private final ProjectCatalog projects = key -> key.equals("shop") ? Optional.of(new ProjectFacts("shop", Map.of(
            "staging", new Environment("staging", "Staging", false)))) : Optional.empty();
    private AggregateTestFixture<Metric> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Metric.class);
        fixture.registerInjectableResource(projects);
        fixture.registerInjectableResource(new InMemoryKeyRegistry());
    }

    private static MetricDefinition conversion(Integer window) {
        return new MetricDefinition("Sign-up", null, MetricKind.CONVERSION, null, "signup", null, window,
                MetricDirection.HIGHER_IS_BETTER, null);
    }

    @Test
    void a_conversion_without_a_window_gets_seventy_two_hours() {
        fixture.givenNoPriorActivity()
                .when(new DefineMetric("m-1", new ProjectKey("shop"), new MetricKey("signup"), conversion(null)))
                .expectEvents(new MetricDefined("m-1", "shop", "signup", new MetricDefinition("Sign-up", "",
                        MetricKind.CONVERSION, MetricSource.EVENTS, "signup", null, 72,
                        MetricDirection.HIGHER_IS_BETTER, null)));
    }

    @Test
    void a_ratio_needs_a_denominator_and_a_conversion_cannot_be_capped() {
        fixture.givenNoPriorActivity()
                .when(new DefineMetric("m-1", new ProjectKey("shop"), new MetricKey("aov"), new MetricDefinition("AOV",
                        null, MetricKind.RATIO, null, "revenue", null, null, MetricDirection.HIGHER_IS_BETTER, null)))
                .expectException(InvalidInput.class).expectExceptionMessage(containsString("denominatorEvent"));
        fixture.givenNoPriorActivity()
                .when(new DefineMetric("m-1", new ProjectKey("shop"), new MetricKey("signup"), new MetricDefinition(
                        "S", null, MetricKind.CONVERSION, null, "signup", null, 24, MetricDirection.HIGHER_IS_BETTER, 99.0)))
                .expectException(InvalidInput.class).expectExceptionMessage(containsString("capped"));
    }

    @Test
    void an_event_name_outside_the_ingestion_shape_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new DefineMetric("m-1", new ProjectKey("shop"), new MetricKey("bad"), new MetricDefinition("B",
                        null, MetricKind.COUNT, null, "no spaces", null, null, MetricDirection.HIGHER_IS_BETTER, null)))
                .expectException(InvalidInput.class).expectExceptionMessage(containsString("eventName"));
    }
}

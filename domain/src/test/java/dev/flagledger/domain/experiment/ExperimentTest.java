package dev.flagledger.domain.experiment;

import dev.flagledger.domain.InMemoryKeyRegistry;
import dev.flagledger.domain.flag.FlagCatalog;
import dev.flagledger.domain.flag.FlagFacts;
import dev.flagledger.domain.flag.Weight;
import dev.flagledger.domain.project.Environment;
import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import dev.flagledger.domain.project.ProjectKey;
import dev.flagledger.domain.segment.SegmentCatalog;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.InvalidInput;
import dev.flagledger.domain.shared.NotFound;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.matchers.Matchers;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;

class ExperimentTest {
    private static final String ID = "e-1";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final MetaData WITH_REASON = MetaData.with(ChangeMetadata.REASON, "test the blue button");

    private final ProjectCatalog projects = key -> key.equals("shop") ? Optional.of(new ProjectFacts("shop", Map.of(
            "staging", new Environment("staging", "Staging", false),
            "production", new Environment("production", "Production", true)))) : Optional.empty();
    private final FlagCatalog flags = (project, key) -> key.equals("button") ? Optional.of(new FlagFacts("f-1",
            "button", false, Set.of("grey", "blue", "green"), Map.of())) : Optional.empty();
    private final SegmentCatalog segments = (project, key) -> Optional.empty();
    private final MetricCatalog metrics = (project, key) -> Set.of("signup", "latency").contains(key)
            ? Optional.of(new MetricFacts("m-" + key, key, null)) : Optional.empty();
    private AggregateTestFixture<Experiment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Experiment.class);
        fixture.registerInjectableResource(projects);
        fixture.registerInjectableResource(flags);
        fixture.registerInjectableResource(segments);
        fixture.registerInjectableResource(metrics);
        fixture.registerInjectableResource(new InMemoryKeyRegistry());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static ExperimentDefinition definition(String environment, List<Arm> arms) {
        return new ExperimentDefinition("Blue button", "A blue button gets more sign-ups", "button", environment, arms,
                null, null, "signup", List.of("latency"), 20_000L, null, null);
    }

    static List<Arm> fiftyFifty() {
        return List.of(new Arm("grey", 50_000), new Arm("blue", 50_000));
    }

    private static ExperimentCreated created(String environment) {
        return new ExperimentCreated(ID, "shop", "blue-button", definition(environment, fiftyFifty()));
    }

    private static ExperimentCreated createdBandit() {
        ExperimentDefinition plain = definition("staging", fiftyFifty());
        return new ExperimentCreated(ID, "shop", "blue-button", new ExperimentDefinition(plain.name(), plain.hypothesis(),
                plain.flagKey(), plain.environment(), plain.arms(), plain.randomisationUnit(), plain.audience(),
                plain.primaryMetric(), plain.guardrailMetrics(), plain.plannedSampleSize(), plain.plannedDurationDays(),
                new BanditSettings(100, 0.1, 60)));
    }

    private static ReweightStatistics banditStatistics() {
        return new ReweightStatistics("THOMPSON_SAMPLING", "signup", 42, 10_000, "blue is best",
                List.of(new ReweightStatistics.ArmStatistics("grey", 1000, 0.04, 0.006, 0.1, 0.2),
                        new ReweightStatistics.ArmStatistics("blue", 1000, 0.06, 0.007, 0.9, 0.8)));
    }

    private static ExperimentServing serving(int grey, int blue) {
        return new ExperimentServing("exp-blue-button", List.of(), List.of(new Weight("grey", grey),
                new Weight("blue", blue)), null, "exp." + ID);
    }

    /**
     * 50/50 re-weighted to 20/80 stickily: grey keeps [0, 20 000), blue takes over the rest of grey's half;
     * that is the cumulative walk of 20/80, so the serving lists no ranges (two arms never need them).
     */
    private static ExperimentServing reweightedTo20_80() {
        return serving(20_000, 80_000);
    }

    private static ExperimentStarted started() {
        return new ExperimentStarted(ID, "shop", "blue-button", "f-1", "button", "staging", serving(50_000, 50_000), NOW);
    }

    @Test
    void a_draft_names_real_variations_and_metrics() {
        fixture.givenNoPriorActivity()
                .when(new CreateExperiment(ID, new ProjectKey("shop"), new ExperimentKey("blue-button"),
                        definition("staging", fiftyFifty())))
                .expectEvents(created("staging"));
    }

    @Test
    void arms_must_be_variations_of_the_flag_and_sum_to_one_hundred_percent() {
        fixture.givenNoPriorActivity()
                .when(new CreateExperiment(ID, new ProjectKey("shop"), new ExperimentKey("blue-button"),
                        definition("staging", List.of(new Arm("grey", 50_000), new Arm("purple", 50_000)))))
                .expectException(InvalidInput.class).expectExceptionMessage(containsString("purple"));
        fixture.givenNoPriorActivity()
                .when(new CreateExperiment(ID, new ProjectKey("shop"), new ExperimentKey("blue-button"),
                        definition("staging", List.of(new Arm("grey", 50_000), new Arm("blue", 45_000)))))
                .expectException(InvalidInput.class).expectExceptionMessage(containsString("sum to 100000"));
    }

    @Test
    void a_metric_that_does_not_exist_is_not_found() {
        var definition = new ExperimentDefinition("x", "y", "button", "staging", fiftyFifty(), null, null, "revenue",
                List.of(), null, null, null);
        fixture.givenNoPriorActivity()
                .when(new CreateExperiment(ID, new ProjectKey("shop"), new ExperimentKey("x"), definition))
                .expectException(NotFound.class).expectExceptionMessage(containsString("revenue"));
    }

    @Test
    void starting_records_the_rule_with_the_experiments_own_salt() {
        fixture.given(created("staging"))
                .when(new StartExperiment(ID, 0L))
                .expectEvents(started());
    }

    @Test
    void starting_in_production_needs_a_reason() {
        fixture.given(created("production"))
                .when(new StartExperiment(ID, 0L))
                .expectException(InvalidInput.class).expectExceptionMessage(containsString("reason"));
        fixture.given(created("production"))
                .when(new StartExperiment(ID, 0L), WITH_REASON)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_reweighting_starts_a_new_period_and_carries_its_statistics() {
        fixture.given(createdBandit(), started())
                .when(new ReweightExperiment(ID, List.of(new Arm("grey", 20_000), new Arm("blue", 80_000)),
                        banditStatistics(), null))
                .expectEvents(new ExperimentReweighted(ID, "shop", "blue-button", "f-1", "button", "staging",
                        reweightedTo20_80(), 1, NOW, banditStatistics()));
    }

    @Test
    void the_bandits_reweighting_names_the_change_request_that_approved_the_start() {
        MetaData approved = MetaData.with(ChangeMetadata.CHANGE_REQUEST_ID, "cr-7")
                .and(ChangeMetadata.APPROVED_BY, List.of(Map.of("subject", "ann", "name", "Ann")));
        fixture.given(createdBandit(), new GenericEventMessage<>(started(), approved))
                .when(new ReweightExperiment(ID, List.of(new Arm("grey", 20_000), new Arm("blue", 80_000)),
                        banditStatistics(), null))
                .expectEvents(new ExperimentReweighted(ID, "shop", "blue-button", "f-1", "button", "staging",
                        reweightedTo20_80(), 1, NOW, banditStatistics(), "cr-7"))
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.<EventMessage<?>>matches(event ->
                        "cr-7".equals(event.getMetaData().get(ChangeMetadata.CHANGE_REQUEST_ID))
                                && event.getMetaData().get(ChangeMetadata.APPROVED_BY).toString().contains("ann")),
                        Matchers.andNoMore()));
    }

    @Test
    void an_automatic_reweighting_stays_within_the_bandits_bounds() {
        fixture.given(createdBandit(), started())
                .when(new ReweightExperiment(ID, List.of(new Arm("grey", 5_000), new Arm("blue", 95_000)),
                        banditStatistics(), null))
                .expectException(InvalidInput.class).expectExceptionMessage(containsString("minimum share"));
        fixture.given(created("staging"), started())
                .when(new ReweightExperiment(ID, List.of(new Arm("grey", 20_000), new Arm("blue", 80_000)),
                        banditStatistics(), null))
                .expectException(InvalidInput.class).expectExceptionMessage(containsString("not a bandit"));
    }

    @Test
    void a_reweighting_keeps_the_arms_in_order() {
        fixture.given(created("staging"), started())
                .when(new ReweightExperiment(ID, List.of(new Arm("blue", 20_000), new Arm("grey", 80_000)), null, null))
                .expectException(InvalidInput.class).expectExceptionMessage(containsString("order"));
    }

    @Test
    void a_draft_cannot_be_reweighted_or_stopped() {
        fixture.given(created("staging"))
                .when(new StopExperiment(ID, 0L))
                .expectException(InvalidInput.class).expectExceptionMessage(containsString("draft"));
    }

    @Test
    void stopping_removes_the_rule_and_concluding_records_the_decision() {
        fixture.given(created("staging"), started())
                .when(new StopExperiment(ID, null))
                .expectEvents(new ExperimentStopped(ID, "shop", "blue-button", "f-1", "button", "staging",
                        "exp-blue-button", NOW));
        fixture.given(created("staging"), started(), new ExperimentStopped(ID, "shop", "blue-button", "f-1", "button",
                        "staging", "exp-blue-button", NOW))
                .when(new ConcludeExperiment(ID, "blue", "Blue wins by 8 %, no guardrail moved", null))
                .expectEvents(new ExperimentConcluded(ID, "shop", "blue-button", "blue",
                        "Blue wins by 8 %, no guardrail moved"));
    }

    @Test
    void only_a_stopped_experiment_is_concluded_and_only_with_one_of_its_arms() {
        fixture.given(created("staging"), started())
                .when(new ConcludeExperiment(ID, "blue", "early", null))
                .expectException(InvalidInput.class);
        fixture.given(created("staging"), started(), new ExperimentStopped(ID, "shop", "blue-button", "f-1", "button",
                        "staging", "exp-blue-button", NOW))
                .when(new ConcludeExperiment(ID, "green", "green was not tested", null))
                .expectException(InvalidInput.class).expectExceptionMessage(containsString("not an arm"));
    }
}

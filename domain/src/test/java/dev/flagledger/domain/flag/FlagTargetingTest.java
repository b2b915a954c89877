package dev.flagledger.domain.flag;

import dev.flagledger.domain.InMemoryKeyRegistry;
import dev.flagledger.domain.project.Environment;
import dev.flagledger.domain.project.EnvironmentKey;
import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import dev.flagledger.domain.segment.SegmentCatalog;
import dev.flagledger.domain.segment.SegmentFacts;
import dev.flagledger.domain.shared.ChangeMetadata;
import dev.flagledger.domain.shared.InvalidInput;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FlagTargetingTest {
    private static final String ID = "f-1";
    private static final EnvironmentKey STAGING = new EnvironmentKey("staging");
    private static final EnvironmentKey PRODUCTION = new EnvironmentKey("production");
    private static final MetaData WITH_REASON = MetaData.with(ChangeMetadata.REASON, "launch");

    private final ProjectCatalog projects = key -> key.equals("shop") ? Optional.of(new ProjectFacts("shop", Map.of(
            "staging", new Environment("staging", "Staging", false),
            "production", new Environment("production", "Production", true)))) : Optional.empty();
    private final Map<String, FlagFacts> otherFlags = new HashMap<>();
    private final FlagCatalog flags = (project, key) -> Optional.ofNullable(otherFlags.get(key));
    private final Map<String, SegmentFacts> segmentFacts = new HashMap<>(Map.of(
            "beta", new SegmentFacts("s-1", "beta", false, Set.of()),
            "retired", new SegmentFacts("s-2", "retired", true, Set.of())));
    private final SegmentCatalog segments = (project, key) -> Optional.ofNullable(segmentFacts.get(key));
    private AggregateTestFixture<Flag> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Flag.class);
        fixture.registerInjectableResource(projects);
        fixture.registerInjectableResource(flags);
        fixture.registerInjectableResource(segments);
        fixture.registerInjectableResource(new InMemoryKeyRegistry());
    }

    private static FlagCreated created() {
        return new FlagCreated(ID, "shop", "new-checkout", "New checkout", "", List.of(), ValueType.BOOLEAN,
                Variations.BOOLEAN_DEFAULTS, "on", "off", List.of(
                new FlagEnvironment("production", false, "on", "off"),
                new FlagEnvironment("staging", false, "on", "off")));
    }

    private static Clause clause(String attribute, String operator, Object... values) {
        return new Clause(attribute, operator, List.of(values), false);
    }

    private static Targeting rules(TargetingRule... rules) {
        return new Targeting(List.of(), List.of(), List.of(rules), null);
    }

    private static TargetingRule rule(Clause clause) {
        return new TargetingRule("r1", null, List.of(clause), Serve.variation("on"));
    }

    private static Rollout split(int on, int off) {
        return new Rollout(List.of(new Weight("on", on), new Weight("off", off)), null, null);
    }

    private static Targeting full() {
        return new Targeting(List.of(),
                List.of(new Target("on", List.of("alice", "bob"))),
                List.of(new TargetingRule("dutch", "Dutch pro users", List.of(
                                clause("country", "in", "NL", "BE"),
                                new Clause("account.plan", "equals", List.of("pro"), true)), Serve.variation("on")),
                        new TargetingRule("beta", null, List.of(clause(null, "inSegment", "beta")),
                                Serve.rollout(new Rollout(List.of(new Weight("on", 25_000), new Weight("off", 75_000)),
                                        "account.id", "beta-2025")))),
                split(10_000, 90_000));
    }

    @Test
    void a_full_targeting_is_recorded_whole_for_one_environment() {
        fixture.given(created())
                .when(new SetFlagTargeting(ID, STAGING, full(), 0L))
                .expectEvents(new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", full()));
    }

    @Test
    void setting_the_same_targeting_again_records_nothing() {
        fixture.given(created(), new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", full()))
                .when(new SetFlagTargeting(ID, STAGING, full(), 1L))
                .expectNoEvents();
    }

    @Test
    void production_targeting_needs_a_reason() {
        fixture.given(created()).when(new SetFlagTargeting(ID, PRODUCTION, full(), 0L))
                .expectException(InvalidInput.class).expectExceptionMessage("a reason is required for changes to environment production");
        fixture.given(created()).when(new SetFlagTargeting(ID, PRODUCTION, full(), 0L), WITH_REASON)
                .expectEvents(new FlagTargetingChanged(ID, "shop", "new-checkout", "production", full()));
    }

    static Stream<Object[]> refusedTargetings() {
        return Stream.of(
                new Object[]{"an unknown variation", rules(new TargetingRule("r1", null, List.of(), Serve.variation("maybe"))),
                        "does not have"},
                new Object[]{"weights not summing to 100 000", new Targeting(List.of(), List.of(), List.of(), split(50_000, 40_000)),
                        "sum to 100000"},
                new Object[]{"a rule serving both", rules(new TargetingRule("r1", null, List.of(),
                        new Serve("on", split(50_000, 50_000)))), "exactly one"},
                new Object[]{"an unknown operator", rules(rule(clause("country", "like", "NL"))), "unknown operator"},
                new Object[]{"a regex that does not compile", rules(rule(clause("email", "matches", "(unclosed"))), ""},
                new Object[]{"a regex over the engine's bound", rules(rule(clause("email", "matches", "a".repeat(257)))), ""},
                new Object[]{"a semver that does not parse", rules(rule(clause("version", "semverGt", "v1.2"))), ""},
                new Object[]{"a number that is a string", rules(rule(clause("age", "gt", "eighteen"))), ""},
                new Object[]{"a date without an offset", rules(rule(clause("signup", "before", "2025-01-01"))), ""},
                new Object[]{"a clause without values", rules(rule(new Clause("country", "in", List.of(), false))), ""},
                new Object[]{"an unknown segment", rules(rule(clause(null, "inSegment", "gamma"))), "no segment gamma"},
                new Object[]{"an archived segment", rules(rule(clause(null, "inSegment", "retired"))), "archived"},
                new Object[]{"two rules with one id", rules(rule(clause("a", "in", "x")), rule(clause("b", "in", "y"))),
                        "two rules"},
                new Object[]{"too many rules", new Targeting(List.of(), List.of(), Stream.iterate(0, i -> i + 1).limit(101)
                        .map(i -> new TargetingRule("r" + i, null, List.of(), Serve.variation("on"))).toList(), null),
                        "at most 100"},
                new Object[]{"an oversized targeted key", new Targeting(List.of(), List.of(new Target("on",
                        List.of("k".repeat(1025)))), List.of(), null), "at most 1024"});
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("refusedTargetings")
    void invalid_targeting_is_refused_and_nothing_is_written(String what, Targeting targeting, String message) {
        fixture.given(created()).when(new SetFlagTargeting(ID, STAGING, targeting, 0L))
                .expectException(InvalidInput.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString(message))
                .expectNoEvents();
    }

    private static Targeting requiring(String flagKey, String variation) {
        return new Targeting(List.of(new Prerequisite(flagKey, variation)), List.of(), List.of(), null);
    }

    @Test
    void a_prerequisite_on_an_existing_flag_and_variation_is_recorded() {
        otherFlags.put("payments", new FlagFacts("f-2", "payments", false, Set.of("on", "off"), Map.of()));
        fixture.given(created()).when(new SetFlagTargeting(ID, STAGING, requiring("payments", "on"), 0L))
                .expectEvents(new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", requiring("payments", "on")));
    }

    @Test
    void a_prerequisite_cycle_is_refused_when_written() {
        otherFlags.put("payments", new FlagFacts("f-2", "payments", false, Set.of("on", "off"),
                Map.of("staging", List.of(new Prerequisite("ledger", "on")))));
        otherFlags.put("ledger", new FlagFacts("f-3", "ledger", false, Set.of("on", "off"),
                Map.of("staging", List.of(new Prerequisite("new-checkout", "on")))));
        fixture.given(created()).when(new SetFlagTargeting(ID, STAGING, requiring("payments", "on"), 0L))
                .expectException(InvalidInput.class)
                .expectExceptionMessage("prerequisites would form a cycle in staging: new-checkout -> payments -> ledger -> new-checkout")
                .expectNoEvents();
    }

    @Test
    void the_same_chain_in_another_environment_is_no_cycle() {
        otherFlags.put("payments", new FlagFacts("f-2", "payments", false, Set.of("on", "off"),
                Map.of("production", List.of(new Prerequisite("new-checkout", "on")))));
        fixture.given(created()).when(new SetFlagTargeting(ID, STAGING, requiring("payments", "on"), 0L))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_prerequisite_must_name_an_existing_variation_of_an_existing_flag() {
        otherFlags.put("payments", new FlagFacts("f-2", "payments", false, Set.of("on", "off"), Map.of()));
        fixture.given(created()).when(new SetFlagTargeting(ID, STAGING, requiring("payments", "v2"), 0L))
                .expectException(InvalidInput.class).expectExceptionMessage("prerequisite flag payments has no variation v2");
        fixture.given(created()).when(new SetFlagTargeting(ID, STAGING, requiring("ghost", "on"), 0L))
                .expectException(InvalidInput.class).expectExceptionMessage("prerequisite flag ghost does not exist in project shop");
        fixture.given(created()).when(new SetFlagTargeting(ID, STAGING, requiring("new-checkout", "on"), 0L))
                .expectException(InvalidInput.class).expectExceptionMessage(org.hamcrest.Matchers.containsString("cannot be its own prerequisite"));
    }

    @Test
    void a_variation_served_by_targeting_cannot_be_removed() {
        Targeting targeting = rules(new TargetingRule("r1", null, List.of(), Serve.variation("off")));
        fixture.given(created(), new FlagTargetingChanged(ID, "shop", "new-checkout", "staging",
                        new Targeting(List.of(), List.of(new Target("off", List.of("x"))), List.of(), null)))
                .when(new SetFlagVariations(ID, List.of(new Variation("on", "On", "", true)), 1L), WITH_REASON)
                .expectException(InvalidInput.class).expectNoEvents();
        assertThat(targeting.servedVariations()).containsExactly("off");
    }

    @Test
    void the_facts_name_the_prerequisites_of_each_environment() {
        Flag flag = new Flag();
        flag.on(created());
        flag.on(new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", requiring("payments", "on")));
        assertThat(flag.facts().prerequisitesIn("staging")).containsExactly(new Prerequisite("payments", "on"));
        assertThat(flag.facts().prerequisitesIn("production")).isEmpty();
        assertThat(flag.facts().variations()).containsExactlyInAnyOrder("on", "off");
    }

    @Test
    void an_experiment_rule_goes_first_is_replaced_in_place_and_removed_without_touching_other_rules() {
        TargetingRule mine = rule(clause("country", "in", "NL"));
        TargetingRule experiment = new TargetingRule("exp-x", "experiment x", List.of(),
                Serve.rollout(new Rollout(List.of(new Weight("on", 50_000), new Weight("off", 50_000)), null, "exp.e-1")));
        TargetingRule reweighted = new TargetingRule("exp-x", "experiment x", List.of(),
                Serve.rollout(new Rollout(List.of(new Weight("on", 90_000), new Weight("off", 10_000)), null, "exp.e-1")));
        fixture.given(created(), new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", rules(mine)))
                .when(new ServeExperiment(ID, "staging", "exp-x", experiment))
                .expectEvents(new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", rules(experiment, mine)));
        fixture.given(created(), new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", rules(experiment, mine)))
                .when(new ServeExperiment(ID, "staging", "exp-x", reweighted))
                .expectEvents(new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", rules(reweighted, mine)));
        fixture.given(created(), new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", rules(experiment, mine)))
                .when(new ServeExperiment(ID, "staging", "exp-x", null))
                .expectEvents(new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", rules(mine)));
        fixture.given(created(), new FlagTargetingChanged(ID, "shop", "new-checkout", "staging", rules(experiment)))
                .when(new ServeExperiment(ID, "staging", "exp-x", experiment))
                .expectNoEvents();
    }
}

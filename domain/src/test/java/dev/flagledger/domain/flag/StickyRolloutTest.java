package dev.flagledger.domain.flag;

import dev.flagledger.domain.InMemoryKeyRegistry;
import dev.flagledger.domain.project.Environment;
import dev.flagledger.domain.project.EnvironmentKey;
import dev.flagledger.domain.project.ProjectCatalog;
import dev.flagledger.domain.project.ProjectFacts;
import dev.flagledger.domain.segment.SegmentCatalog;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A flag's own rollouts are re-weighted stickily too (BucketLayout): the flag lays new weights over the
 * buckets the same rollout (same rule id, or the fallthrough) serves, and keeps the ranges when a client
 * that does not know them sends the rollout back unchanged.
 */
class StickyRolloutTest {
    private static final String ID = "f-1";
    private static final EnvironmentKey STAGING = new EnvironmentKey("staging");
    private final ProjectCatalog projects = key -> Optional.of(new ProjectFacts("shop", Map.of(
            "staging", new Environment("staging", "Staging", false))));
    private final FlagCatalog flags = (project, key) -> Optional.empty();
    private final SegmentCatalog segments = (project, key) -> Optional.empty();
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
        return new FlagCreated(ID, "shop", "layout", "Layout", "", List.of(), ValueType.STRING, List.of(
                new Variation("a", "A", "", "a"), new Variation("b", "B", "", "b"), new Variation("c", "C", "", "c")),
                "a", "a", List.of(new FlagEnvironment("staging", true, "a", "a")));
    }

    private static Targeting fallthrough(List<Weight> weights) {
        return new Targeting(List.of(), List.of(), List.of(), new Rollout(weights, null, null));
    }

    private static Targeting inRule(List<Weight> weights, String salt) {
        return new Targeting(List.of(), List.of(), List.of(new TargetingRule("beta", null, List.of(),
                Serve.rollout(new Rollout(weights, null, salt)))), null);
    }

    private static List<Weight> weights(int a, int b, int c) {
        return List.of(new Weight("a", a), new Weight("b", b), new Weight("c", c));
    }

    private static List<Weight> sticky10_30_60() {
        return List.of(new Weight("a", 10_000, List.of(new BucketRange(0, 10_000))),
                new Weight("b", 30_000, List.of(new BucketRange(34_000, 64_000))),
                new Weight("c", 60_000, List.of(new BucketRange(10_000, 34_000), new BucketRange(64_000, 100_000))));
    }

    @Test
    void new_weights_are_laid_over_the_buckets_the_rollout_serves() {
        fixture.given(created(), new FlagTargetingChanged(ID, "shop", "layout", "staging",
                        fallthrough(weights(34_000, 33_000, 33_000))))
                .when(new SetFlagTargeting(ID, STAGING, fallthrough(weights(10_000, 30_000, 60_000)), 1L))
                .expectEvents(new FlagTargetingChanged(ID, "shop", "layout", "staging", fallthrough(sticky10_30_60())));
        fixture.given(created(), new FlagTargetingChanged(ID, "shop", "layout", "staging",
                        inRule(weights(34_000, 33_000, 33_000), "s")))
                .when(new SetFlagTargeting(ID, STAGING, inRule(weights(10_000, 30_000, 60_000), "s"), 1L))
                .expectEvents(new FlagTargetingChanged(ID, "shop", "layout", "staging", inRule(sticky10_30_60(), "s")));
    }

    @Test
    void the_same_weights_sent_back_without_ranges_keep_them_and_record_nothing() {
        fixture.given(created(), new FlagTargetingChanged(ID, "shop", "layout", "staging", fallthrough(sticky10_30_60())))
                .when(new SetFlagTargeting(ID, STAGING, fallthrough(weights(10_000, 30_000, 60_000)), 1L))
                .expectNoEvents();
    }

    @Test
    void a_new_salt_reshuffles_every_unit_anyway_so_the_rollout_is_taken_as_given() {
        fixture.given(created(), new FlagTargetingChanged(ID, "shop", "layout", "staging",
                        inRule(sticky10_30_60(), "s")))
                .when(new SetFlagTargeting(ID, STAGING, inRule(weights(20_000, 30_000, 50_000), "t"), 1L))
                .expectEvents(new FlagTargetingChanged(ID, "shop", "layout", "staging",
                        inRule(weights(20_000, 30_000, 50_000), "t")));
    }

    @Test
    void a_rollout_stored_before_ranges_is_laid_out_as_the_cumulative_walk_it_served() {
        // The event as older releases wrote it: weights without ranges (Weight's two-argument form).
        fixture.given(created(), new FlagTargetingChanged(ID, "shop", "layout", "staging",
                        fallthrough(weights(34_000, 33_000, 33_000))))
                .when(new SetFlagTargeting(ID, STAGING, fallthrough(weights(34_000, 30_000, 36_000)), 1L))
                .expectEvents(new FlagTargetingChanged(ID, "shop", "layout", "staging",
                        fallthrough(weights(34_000, 30_000, 36_000)))); // only b|c's boundary moved: still the walk
    }
}

package dev.flagledger.projections.stale;

import dev.flagledger.domain.flag.Prerequisite;
import dev.flagledger.domain.flag.Rollout;
import dev.flagledger.domain.flag.Serve;
import dev.flagledger.domain.flag.Target;
import dev.flagledger.domain.flag.Targeting;
import dev.flagledger.domain.flag.TargetingRule;
import dev.flagledger.domain.flag.Weight;
import dev.flagledger.projections.stale.ServingState.EnvironmentServing;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OneVariationTest {
    private static final List<String> ENVIRONMENTS = List.of("staging", "production");

    private static EnvironmentServing on(Targeting targeting) {
        return new EnvironmentServing(true, "on", "off", targeting);
    }

    private static ServingState state(EnvironmentServing staging, EnvironmentServing production) {
        return new ServingState(Map.of("on", true, "off", false), "on", "off",
                Map.of("staging", staging, "production", production));
    }

    private static Rollout rollout(int on, int off) {
        return new Rollout(List.of(new Weight("on", on), new Weight("off", off)), null, null);
    }

    @Test
    void an_off_flag_serves_its_off_variation_and_an_on_flag_without_targeting_its_default() {
        assertThat(OneVariation.servedIn(new EnvironmentServing(false, "on", "off", Targeting.NONE))).contains("off");
        assertThat(OneVariation.servedIn(on(Targeting.NONE))).contains("on");
    }

    @Test
    void a_hundred_percent_rollout_serves_one_variation_and_a_split_does_not() {
        assertThat(OneVariation.servedIn(on(new Targeting(null, null, null, rollout(100_000, 0))))).contains("on");
        assertThat(OneVariation.servedIn(on(new Targeting(null, null, null, rollout(99_999, 1))))).isEmpty();
    }

    @Test
    void targets_rules_and_prerequisites_count_when_they_serve_something_else() {
        Targeting sameEverywhere = new Targeting(null, List.of(new Target("on", List.of("u1")), new Target("off", List.of())),
                List.of(new TargetingRule("r", null, List.of(), Serve.variation("on"))), null);
        assertThat(OneVariation.servedIn(on(sameEverywhere))).as("an empty target list serves nobody").contains("on");
        Targeting targetOff = new Targeting(null, List.of(new Target("off", List.of("u1"))), null, null);
        assertThat(OneVariation.servedIn(on(targetOff))).isEmpty();
        Targeting ruleRollout = new Targeting(null, null,
                List.of(new TargetingRule("r", null, List.of(), Serve.rollout(rollout(50_000, 50_000)))), null);
        assertThat(OneVariation.servedIn(on(ruleRollout))).isEmpty();
        Targeting prerequisite = new Targeting(List.of(new Prerequisite("other", "on")), null, null, null);
        assertThat(OneVariation.servedIn(on(prerequisite))).as("a failed prerequisite serves off").isEmpty();
    }

    @Test
    void everywhere_means_the_same_variation_in_every_environment_including_ones_without_an_entry() {
        assertThat(OneVariation.servedEverywhere(state(on(Targeting.NONE), on(Targeting.NONE)), ENVIRONMENTS)).contains("on");
        assertThat(OneVariation.servedEverywhere(state(on(Targeting.NONE),
                new EnvironmentServing(false, "on", "off", Targeting.NONE)), ENVIRONMENTS)).isEmpty();
        assertThat(OneVariation.servedEverywhere(state(on(Targeting.NONE), on(Targeting.NONE)),
                List.of("staging", "production", "added-later"))).as("a new environment is off").isEmpty();
    }
}

package dev.flagledger.stats.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.flagledger.stats.InvalidStatsInput;
import dev.flagledger.stats.metric.Direction;
import dev.flagledger.stats.metric.Moments;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThompsonSamplerTest {
    private static final BanditConfig CONFIG = new BanditConfig(1000, 0.1, 20_000, Direction.HIGHER_IS_BETTER);

    @Test
    void before_burn_in_every_arm_gets_an_equal_share_and_the_reason_says_why() {
        BanditDecision d = ThompsonSampler.reweight(CONFIG, List.of(
                new BanditArm.Conversions("a", 5000, 200), new BanditArm.Conversions("b", 999, 90)), 1);
        assertThat(d.phase()).isEqualTo(BanditDecision.Phase.BURN_IN);
        assertThat(d.weights()).containsExactly(0.5, 0.5);
        assertThat(d.reason()).contains("burn-in").contains("999");
    }

    @Test
    void the_same_seed_gives_the_same_decision() {
        List<BanditArm> arms = List.of(new BanditArm.Conversions("a", 5000, 250), new BanditArm.Conversions("b", 5000, 270));
        assertThat(ThompsonSampler.reweight(CONFIG, arms, 42)).isEqualTo(ThompsonSampler.reweight(CONFIG, arms, 42));
    }

    @Test
    void a_clearly_worse_arm_keeps_the_minimum_share_and_the_weights_sum_to_one() {
        BanditDecision d = ThompsonSampler.reweight(CONFIG, List.of(
                new BanditArm.Conversions("a", 20000, 400), new BanditArm.Conversions("b", 20000, 1200),
                new BanditArm.Conversions("c", 20000, 600)), 7);
        assertThat(d.weights()[0]).isCloseTo(0.1, within(1e-12));
        assertThat(d.weights()[1]).isCloseTo(0.8, within(1e-12));
        assertThat(Arrays.stream(d.weights()).sum()).isCloseTo(1, within(1e-12));
        assertThat(d.arms().get(1).probabilityBest()).isEqualTo(1.0);
        assertThat(d.arms().get(1).posteriorMean()).isCloseTo(1201.0 / 20002, within(1e-12));
    }

    @Test
    void a_numeric_lower_is_better_metric_favours_the_smaller_mean() {
        BanditConfig lower = new BanditConfig(100, 0.0, 5000, Direction.LOWER_IS_BETTER);
        BanditDecision d = ThompsonSampler.reweight(lower, List.of(
                new BanditArm.Numeric("slow", new Moments(500, 500 * 300.0, 500 * (300.0 * 300 + 400))),
                new BanditArm.Numeric("fast", new Moments(500, 500 * 250.0, 500 * (250.0 * 250 + 400)))), 3);
        assertThat(d.weights()[1]).isGreaterThan(0.99);
    }

    @Test
    void impossible_configurations_are_typed_errors() {
        assertThatThrownBy(() -> ThompsonSampler.reweight(new BanditConfig(10, 0.4, 1000, Direction.HIGHER_IS_BETTER),
                List.of(new BanditArm.Conversions("a", 1, 0), new BanditArm.Conversions("b", 1, 0),
                        new BanditArm.Conversions("c", 1, 0)), 1)).isInstanceOf(InvalidStatsInput.class);
        assertThatThrownBy(() -> ThompsonSampler.reweight(CONFIG, List.of(new BanditArm.Conversions("a", 1, 0),
                new BanditArm.Numeric("b", Moments.EMPTY)), 1)).isInstanceOf(InvalidStatsInput.class);
        assertThatThrownBy(() -> ThompsonSampler.reweight(CONFIG, List.of(new BanditArm.Conversions("a", 1, 0),
                new BanditArm.Conversions("a", 1, 0)), 1)).isInstanceOf(InvalidStatsInput.class);
        assertThatThrownBy(() -> new BanditArm.Conversions("a", 5, 6)).isInstanceOf(InvalidStatsInput.class);
    }
}

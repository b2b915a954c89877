package dev.flagledger.stats.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.flagledger.stats.InvalidStatsInput;
import java.util.stream.IntStream;
import org.hipparchus.stat.descriptive.rank.PSquarePercentile;
import org.junit.jupiter.api.Test;

class PercentileCapTest {
    private final double[] values = IntStream.rangeClosed(1, 1000).mapToDouble(i -> i == 1000 ? 1_000_000 : i).toArray();

    @Test
    void capping_at_the_99th_percentile_tames_one_whale() {
        double cap = PercentileCap.exact(values, 99);
        Moments capped = PercentileCap.cappedMoments(values, cap);
        assertThat(cap).isCloseTo(990.99, within(1e-9));
        assertThat(capped.mean()).isLessThan(501);
        assertThat(Moments.of(values).mean()).isGreaterThan(1400);
    }

    @Test
    void the_streaming_estimate_is_close_to_the_exact_percentile() {
        PSquarePercentile sketch = PercentileCap.streaming(99);
        for (double v : values) sketch.increment(v);
        assertThat(sketch.getResult()).isCloseTo(PercentileCap.exact(values, 99), within(15.0));
    }

    @Test
    void a_percentile_outside_0_to_100_is_rejected() {
        assertThatThrownBy(() -> PercentileCap.exact(values, 0)).isInstanceOf(InvalidStatsInput.class);
        assertThatThrownBy(() -> PercentileCap.streaming(101)).isInstanceOf(InvalidStatsInput.class);
    }
}

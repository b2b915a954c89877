package dev.flagledger.stats.bandit;

import dev.flagledger.stats.InvalidStatsInput;
import dev.flagledger.stats.metric.Moments;

/** One arm's data as the bandit sees it: conversions (Beta posterior) or per-unit moments (Gaussian). */
public sealed interface BanditArm permits BanditArm.Conversions, BanditArm.Numeric {
    String key();

    long units();

    record Conversions(String key, long units, long conversions) implements BanditArm {
        public Conversions {
            if (key == null || key.isBlank()) throw new InvalidStatsInput("arm key is required");
            if (units < 0 || conversions < 0 || conversions > units)
                throw new InvalidStatsInput("conversions must be in [0, units] for arm " + key);
        }
    }

    record Numeric(String key, Moments moments) implements BanditArm {
        public Numeric {
            if (key == null || key.isBlank()) throw new InvalidStatsInput("arm key is required");
        }

        @Override
        public long units() {
            return moments.n();
        }
    }
}

package dev.flagledger.projections.flag;

import dev.flagledger.domain.flag.Targeting;

/** A flag in one environment: on or off, what it serves in each state, and its targeting. */
public record FlagEnvironmentView(String environment, boolean enabled, String defaultVariation,
                                  String offVariation, Targeting targeting) {
    public FlagEnvironmentView {
        if (targeting == null) targeting = Targeting.NONE;
    }
}

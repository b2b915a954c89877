package dev.flagledger.domain.flag;

/** Everything a flag serves in one environment: what promotion copies, and nothing environment-specific besides. */
public record FlagEnvironmentConfiguration(boolean enabled, String defaultVariation, String offVariation,
                                           Targeting targeting) {
    public FlagEnvironmentConfiguration {
        if (targeting == null) targeting = Targeting.NONE;
    }
}

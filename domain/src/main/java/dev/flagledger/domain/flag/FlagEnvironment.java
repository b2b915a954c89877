package dev.flagledger.domain.flag;

/** A flag's configuration in one environment: on or off, and what it serves in each state. */
public record FlagEnvironment(String environment, boolean enabled, String defaultVariation, String offVariation) {

    FlagEnvironment toggled(boolean on) {
        return new FlagEnvironment(environment, on, defaultVariation, offVariation);
    }

    FlagEnvironment withDefault(String variation) {
        return new FlagEnvironment(environment, enabled, variation, offVariation);
    }

    FlagEnvironment withOff(String variation) {
        return new FlagEnvironment(environment, enabled, defaultVariation, variation);
    }
}

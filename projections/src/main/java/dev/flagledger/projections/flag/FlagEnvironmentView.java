package dev.flagledger.projections.flag;

public record FlagEnvironmentView(String environment, boolean enabled, String defaultVariation,
                                  String offVariation) {
}

package dev.flagledger.projections.flag;

public record EnvironmentView(String key, String name, boolean requireReason) {
}

package dev.flagledger.domain.flag;

/** Another flag of the same project that must be on and serve {@code variation} first. */
public record Prerequisite(String flagKey, String variation) {
}

package dev.flagledger.domain.project;

/**
 * An environment as events record it. Plain data on purpose: events stay readable even if the
 * validation rules of {@link EnvironmentKey} tighten later.
 */
public record Environment(String key, String name, boolean requireReason) {
}

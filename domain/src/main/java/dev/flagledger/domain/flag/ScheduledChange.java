package dev.flagledger.domain.flag;

import dev.flagledger.domain.shared.InvalidInput;

/**
 * What a schedule changes in one environment when it is due: exactly one of a toggle
 * ({@code enabled}), a new default serve (the fallthrough: a variation or a rollout) or a whole
 * targeting configuration. A record with optional parts rather than a sealed family for the same
 * reason as {@link Serve}: it is stored in events as JSON by a serializer the domain must not annotate.
 */
public record ScheduledChange(Boolean enabled, Serve defaultServe, Targeting targeting) {

    /** The kinds, as the API and the timers read model name them. */
    public enum Kind { TOGGLE, DEFAULT_SERVE, TARGETING }

    public static ScheduledChange toggle(boolean enabled) {
        return new ScheduledChange(enabled, null, null);
    }

    public static ScheduledChange defaultServe(Serve serve) {
        return new ScheduledChange(null, serve, null);
    }

    public static ScheduledChange targeting(Targeting targeting) {
        return new ScheduledChange(null, null, targeting);
    }

    /** Which change this is; refuses none or several, so every reader can rely on exactly one. */
    public Kind kind() {
        int parts = (enabled != null ? 1 : 0) + (defaultServe != null ? 1 : 0) + (targeting != null ? 1 : 0);
        if (parts != 1)
            throw new InvalidInput("a scheduled change is exactly one of toggle, defaultServe or targeting");
        if (enabled != null) return Kind.TOGGLE;
        return defaultServe != null ? Kind.DEFAULT_SERVE : Kind.TARGETING;
    }

    /** One line for lists and logs: "turn on", "serve variation blue", "replace targeting (3 rules)". */
    public String summary() {
        return switch (kind()) {
            case TOGGLE -> enabled ? "turn on" : "turn off";
            case DEFAULT_SERVE -> defaultServe.rollout() != null
                    ? "serve a rollout of " + defaultServe.rollout().weights().size() + " variations by default"
                    : "serve variation " + defaultServe.variation() + " by default";
            case TARGETING -> "replace targeting (" + targeting.rules().size() + " rules, "
                    + targeting.targets().size() + " target lists, " + targeting.prerequisites().size()
                    + " prerequisites)";
        };
    }
}

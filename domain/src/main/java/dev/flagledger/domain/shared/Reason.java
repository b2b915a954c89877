package dev.flagledger.domain.shared;

/** The free-text reason a change carries, and the policy that can make it mandatory. */
public final class Reason {
    private Reason() {
    }

    /** Checks the reason's size always, and its presence when the policy demands one. */
    public static void check(String reason, boolean required, String scope) {
        if (reason != null && reason.length() > Text.REASON_MAX)
            throw new InvalidInput("reason must be at most " + Text.REASON_MAX + " characters, got " + reason.length());
        if (required && (reason == null || reason.isBlank()))
            throw new InvalidInput("a reason is required for changes to " + scope);
    }
}
